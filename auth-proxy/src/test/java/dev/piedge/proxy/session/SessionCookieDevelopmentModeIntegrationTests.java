package dev.piedge.proxy.session;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development mode ({@code pi.browser.session.cookie.secure: false}) for plain
 * {@code http://} away from {@code localhost}: no {@code __Host-} prefix, no
 * {@code Secure} or {@code Partitioned}, {@code SameSite=Lax}; and the cookie still signs
 * requests in.
 */
@TestPropertySource(properties = "pi.browser.session.cookie.secure=false")
class SessionCookieDevelopmentModeIntegrationTests extends SessionIntegrationTestSupport {

	@Test
	void theCookieDropsTheProductionOnlyAttributesAndStillSignsIn() {
		piKnows(this.aliceToken, ALICE, "alice", List.of("username"), Duration.ofHours(1));

		HttpHeaders headers = this.client.post()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"accessToken\":\"" + this.aliceToken + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders();

		String setCookie = headers.getFirst(HttpHeaders.SET_COOKIE);
		assertThat(setCookie).startsWith("pi_edge_session=")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("SameSite=Lax")
			.doesNotContainIgnoringCase("Secure")
			.doesNotContainIgnoringCase("Partitioned");
		String cookie = setCookie.substring("pi_edge_session=".length(), setCookie.indexOf(';'));

		this.client.get().uri("/orders/1").cookie("pi_edge_session", cookie).exchange().expectStatus().isOk();
		assertThat(backendRequests()).singleElement()
			.satisfies(request -> assertThat(request.getHeader("X-Pi-Uid")).isEqualTo(ALICE));
	}

}
