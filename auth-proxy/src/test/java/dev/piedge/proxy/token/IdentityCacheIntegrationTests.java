package dev.piedge.proxy.token;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IdentityCacheIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Test
	void reusesAVerifiedIdentityWithinTheCacheTtl() {
		piKnows("ttl-token", "uid-1", "one", List.of("username"), Duration.ofHours(1));

		callWith("ttl-token").expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(23));
		callWith("ttl-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(8));
		callWith("ttl-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void refreshesABusyTokenAheadOfExpirySoLaterRequestsNeverWaitForPi() {
		piKnows("hot-token", "uid-hot", "hot", List.of("username"), Duration.ofHours(1));
		callWith("hot-token").expectStatus().isOk();
		// Pi's next answer carries a new username, so the backend shows when it is in the
		// cache.
		piKnows("hot-token", "uid-hot", "hot-renamed", List.of("username"), Duration.ofHours(1));
		double refreshesBefore = counted("pi.edge.identity.refresh.started");

		this.clock.advance(Duration.ofSeconds(25));
		callWith("hot-token").expectStatus().isOk();
		assertThat(lastForwardedUsername()).isEqualTo("hot");
		assertThat(counted("pi.edge.identity.refresh.started")).isEqualTo(refreshesBefore + 1);
		// Each try is answered from the cache (the refresh is already claimed), so it
		// never calls Pi itself.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			callWith("hot-token").expectStatus().isOk();
			assertThat(lastForwardedUsername()).isEqualTo("hot-renamed");
		});
		assertThat(meCalls()).isEqualTo(2);

		// Past the first answer's 30 s lifetime, but inside the refreshed one: no call,
		// no wait.
		this.clock.advance(Duration.ofSeconds(10));
		callWith("hot-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void keepsServingTheCachedIdentityWhenARefreshFailsAndTriesOnlyOncePerAnswer() {
		piKnows("refresh-outage", "uid-ro", "ro", List.of("username"), Duration.ofHours(1));
		callWith("refresh-outage").expectStatus().isOk();
		pi.stubFor(meFor("refresh-outage").willReturn(aResponse().withStatus(503)));
		double failuresBefore = counted("pi.edge.identity.me.calls", "outcome", "unavailable");

		this.clock.advance(Duration.ofSeconds(25));
		callWith("refresh-outage").expectStatus().isOk();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> counted("pi.edge.identity.me.calls", "outcome", "unavailable") == failuresBefore + 1);
		callWith("refresh-outage").expectStatus().isOk();
		callWith("refresh-outage").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(6));
		callWith("refresh-outage").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void refusesTheNextRequestOnceARefreshFindsTheTokenRevoked() {
		piKnows("revoked-token", "uid-rv", "rv", List.of("username"), Duration.ofHours(1));
		callWith("revoked-token").expectStatus().isOk();
		piRejects("revoked-token");

		this.clock.advance(Duration.ofSeconds(25));
		callWith("revoked-token").expectStatus().isOk();
		// Answered from the cache until the refresh's answer replaces the entry.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> callWith("revoked-token").expectStatus().isUnauthorized());
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void doesNotRefreshAnIdentityThatValidUntilEndsFirst() {
		piKnows("ending-token", "uid-end", "end", List.of("username"), Duration.ofSeconds(28));
		callWith("ending-token").expectStatus().isOk();
		double refreshesBefore = counted("pi.edge.identity.refresh.started");

		this.clock.advance(Duration.ofSeconds(25));
		callWith("ending-token").expectStatus().isOk();
		// A refresh is started, and counted, before the request that starts it is
		// answered: no need to wait for one.
		assertThat(counted("pi.edge.identity.refresh.started")).isEqualTo(refreshesBefore);
		assertThat(meCalls()).isEqualTo(1);
	}

	private double counted(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

	private static String lastForwardedUsername() {
		List<LoggedRequest> forwarded = backendRequests();
		return forwarded.get(forwarded.size() - 1).getHeader("X-Pi-Username");
	}

	@Test
	void neverReusesAnIdentityPastTheTokensValidUntil() {
		piKnows("short-token", "uid-2", "two", List.of("username"), Duration.ofSeconds(10));

		callWith("short-token").expectStatus().isOk();
		this.clock.advance(Duration.ofSeconds(9));
		callWith("short-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(2));
		piRejects("short-token");
		callWith("short-token").expectStatus().isUnauthorized();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void coalescesConcurrentLookupsOfOneNewTokenIntoOneCall() {
		piKnows("burst-token", "uid-3", "three", List.of("username"), Duration.ofHours(1));
		pi.stubFor(meFor("burst-token").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withFixedDelay(300)
			.withBody("{\"uid\":\"uid-3\",\"credentials\":{\"scopes\":[],\"valid_until\":{\"timestamp\":"
					+ this.clock.instant().plusSeconds(3600).getEpochSecond() + ",\"iso8601\":\"x\"}}}")));
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);

		List<Integer> statuses = Flux.range(0, 200)
			.flatMap(
					i -> web.get()
						.uri("/orders")
						.header("Authorization", "Bearer burst-token")
						.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
					200)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(statuses).hasSize(200).containsOnly(200);
		assertThat(meCalls()).isEqualTo(1);
	}

	@Test
	void cachesPisDefiniteRejectionBriefly() {
		piRejects("flood-token");

		for (int i = 0; i < 5; i++) {
			callWith("flood-token").expectStatus().isUnauthorized();
		}
		assertThat(meCalls()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(6));
		callWith("flood-token").expectStatus().isUnauthorized();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void answers503WithRetryAfterWhenPiFailsAndNeverCachesTheFailure() {
		pi.stubFor(meFor("outage-token").willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));

		callWith("outage-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable")
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).doesNotContain("html"));
		assertThat(backendRequests()).isEmpty();

		piKnows("outage-token", "uid-4", "four", List.of("username"), Duration.ofHours(1));
		callWith("outage-token").expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(2);
	}

	@Test
	void passesOnPisRetryAfterWhenRateLimited() {
		pi.stubFor(meFor("busy-token").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

		callWith("busy-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("Retry-After", "7")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
	}

	@Test
	void answers503WhenPiIsTooSlow() {
		pi.stubFor(meFor("slow-token").willReturn(aResponse().withStatus(200).withFixedDelay(4000)));

		callWith("slow-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void answers503WhenPiResetsTheConnection() {
		pi.stubFor(meFor("reset-token").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		callWith("reset-token").expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
	}

	@Test
	void doesNotServeAStaleIdentityWhenStaleIfErrorIsOff() {
		piKnows("gone-token", "uid-5", "five", List.of("username"), Duration.ofHours(1));
		callWith("gone-token").expectStatus().isOk();

		this.clock.advance(Duration.ofSeconds(31));
		pi.stubFor(meFor("gone-token").willReturn(aResponse().withStatus(502)));
		callWith("gone-token").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	private WebTestClient.ResponseSpec callWith(String token) {
		return this.client.get().uri("/orders").header("Authorization", "Bearer " + token).exchange();
	}

}
