package dev.piedge.proxy.token;

import java.time.Duration;
import java.util.List;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "pi.auth.stale-if-error=5m")
class StaleIfErrorIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void servesAnIdentityVerifiedEarlierWhilePiIsDown() {
		piKnows("stale-ok", "uid-s", "sam", List.of("username"), Duration.ofHours(1));
		callWith("stale-ok").expectStatus().isOk();

		this.clock.advance(Duration.ofSeconds(31));
		pi.stubFor(meFor("stale-ok").willReturn(aResponse().withStatus(503)));
		callWith("stale-ok").expectStatus().isOk();
		assertThat(backendRequests().get(1).getHeader("X-Pi-Uid")).isEqualTo("uid-s");
	}

	@Test
	void neverServesAStaleIdentityPastValidUntil() {
		piKnows("stale-expiring", "uid-t", "tim", List.of("username"), Duration.ofSeconds(40));
		callWith("stale-expiring").expectStatus().isOk();

		this.clock.advance(Duration.ofSeconds(41));
		pi.stubFor(meFor("stale-expiring").willReturn(aResponse().withStatus(503)));
		callWith("stale-expiring").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void neverServesAStaleIdentityForATokenPiCalledInvalid() {
		piKnows("stale-revoked", "uid-u", "uma", List.of("username"), Duration.ofHours(1));
		callWith("stale-revoked").expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(31));
		piRejects("stale-revoked");
		callWith("stale-revoked").expectStatus().isUnauthorized();

		this.clock.advance(Duration.ofSeconds(6));
		pi.stubFor(meFor("stale-revoked").willReturn(aResponse().withStatus(503)));
		callWith("stale-revoked").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void stopsServingStaleOnceTheWindowCloses() {
		piKnows("stale-window", "uid-v", "vic", List.of("username"), Duration.ofHours(2));
		callWith("stale-window").expectStatus().isOk();

		this.clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(5)).plusSeconds(1));
		pi.stubFor(meFor("stale-window").willReturn(aResponse().withStatus(503)));
		callWith("stale-window").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	private WebTestClient.ResponseSpec callWith(String token) {
		return this.client.get().uri("/orders").header("Authorization", "Bearer " + token).exchange();
	}

}
