package dev.piedge.proxy.session;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs users in through the real {@code POST /pi-edge/session}. */
abstract class SessionIntegrationTestSupport extends GatewayIntegrationTestSupport {

	static final String COOKIE = "__Host-pi_edge_session";

	static final String ALICE = "uid-alice";

	/**
	 * Alice's token in this test: the identity cache outlives a test, and so does the
	 * shared clock, so each test signs in with a token of its own.
	 */
	String aliceToken;

	@BeforeEach
	void newAliceToken() {
		this.aliceToken = "alice-" + UUID.randomUUID();
	}

	/** Signs alice in (Pi knows her token for an hour) and answers her cookie's value. */
	String signInAlice() {
		piKnows(this.aliceToken, ALICE, "alice", List.of("username", "payments"), Duration.ofHours(1));
		return signIn(this.aliceToken);
	}

	String signIn(String token) {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"accessToken\":\"" + token + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		return sessionCookie(result.getResponseHeaders()).getValue();
	}

	/** The one session cookie a response sets. */
	static ResponseCookie sessionCookie(HttpHeaders headers) {
		List<String> setCookies = headers.get(HttpHeaders.SET_COOKIE);
		assertThat(setCookies).as("Set-Cookie").isNotNull();
		List<String> ours = setCookies.stream().filter(value -> value.startsWith(COOKIE + "=")).toList();
		assertThat(ours).as("session Set-Cookie headers").hasSize(1);
		return parse(ours.get(0));
	}

	/** The raw session {@code Set-Cookie} header of a response. */
	static String rawSessionCookie(HttpHeaders headers) {
		return headers.get(HttpHeaders.SET_COOKIE)
			.stream()
			.filter(value -> value.startsWith(COOKIE + "="))
			.findFirst()
			.orElseThrow();
	}

	private static ResponseCookie parse(String header) {
		String pair = header.split(";", 2)[0];
		int equals = pair.indexOf('=');
		return ResponseCookie.from(pair.substring(0, equals), pair.substring(equals + 1)).build();
	}

}
