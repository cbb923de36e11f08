package dev.piedge.sandbox.me;

import java.time.Duration;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.BOB;
import static dev.piedge.sandbox.SandboxClient.BOB_UID;
import static dev.piedge.sandbox.SandboxClient.CAROL_EXPIRED;

@SandboxIntegrationTest
class MeIntegrationTests {

	private static final String AUTH_MESSAGE = "This endpoint requires either a Server API Key or Access Token authorization.";

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	@BeforeEach
	void reset() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		sandbox.reset();
	}

	@Test
	void aliceGetsUidScopesValidityAndUsername() {
		// valid-for: 24h counts from start-up, which the test clock pins to
		// SandboxIntegrationTest.START.
		sandbox.me("Bearer " + ALICE)
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.uid")
			.isEqualTo(ALICE_UID)
			.jsonPath("$.username")
			.isEqualTo("alice")
			.jsonPath("$.credentials.scopes")
			.isEqualTo(java.util.List.of("username", "payments", "wallet_address"))
			.jsonPath("$.credentials.valid_until.timestamp")
			.isEqualTo(1893542400L)
			.jsonPath("$.credentials.valid_until.iso8601")
			.isEqualTo("2030-01-02T00:00:00Z");
	}

	@Test
	void bobWithoutUsernameScopeGetsNoUsername() {
		sandbox.me("Bearer " + BOB)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.uid")
			.isEqualTo(BOB_UID)
			.jsonPath("$.credentials.scopes")
			.isEqualTo(java.util.List.of("payments"))
			.jsonPath("$.username")
			.doesNotExist();
	}

	@Test
	void expiredTokenIsUnauthorized() {
		sandbox.me("Bearer " + CAROL_EXPIRED)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token")
			.jsonPath("$.error_message")
			.isEqualTo("The access token has expired.");
	}

	@Test
	void tokenExpiresWhenItsValidForRunsOut() {
		clock.advance(Duration.ofHours(24));
		sandbox.me("Bearer " + ALICE)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token");
	}

	@Test
	void unknownTokenIsUnauthorized() {
		sandbox.me("Bearer not-a-token")
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token")
			.jsonPath("$.error_message")
			.isEqualTo("The access token is unknown or malformed.");
	}

	@Test
	void missingAuthorizationIsUnauthorizedWithPisMessage() {
		sandbox.me(null)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unauthorized")
			.jsonPath("$.error_message")
			.isEqualTo(AUTH_MESSAGE);
	}

	@Test
	void malformedAuthorizationIsUnauthorized() {
		sandbox.me("Basic " + ALICE)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unauthorized");
		sandbox.me("Bearer ")
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token");
	}

	@Test
	void serverApiKeyIsNotAUserToken() {
		sandbox.me(SandboxClient.API_KEY)
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unauthorized");
	}

}
