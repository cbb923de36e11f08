package dev.piedge.sandbox.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.BOB;
import static dev.piedge.sandbox.SandboxClient.BOB_UID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints the Pi SDK emulator ({@code /pi-sdk.js}) calls to sign a user in, and
 * their CORS: answered for any origin, without credentials, while the Platform API and
 * the admin endpoints stay same-origin.
 */
@SandboxIntegrationTest
class SdkEndpointsIntegrationTests {

	private static final String APP_ORIGIN = "http://localhost:8080";

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	@BeforeEach
	void reset() {
		clock.reset();
		new SandboxClient(webTestClient).reset();
	}

	@Test
	void usersListsTheDemoUsersWhoseTokensAreValid() {
		webTestClient.get()
			.uri("/sdk/users")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.users[*].username")
			.isEqualTo(List.of("alice", "bob"));

		// alice's and bob's tokens are valid for 24 h from start-up; carol's expired in
		// 2020.
		clock.advance(Duration.ofHours(24));

		webTestClient.get()
			.uri("/sdk/users")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.users")
			.isEqualTo(List.of());
	}

	@Test
	void authenticateAnswersTheTokenUidAndUsername() {
		authenticate(Map.of("username", "alice", "scopes", List.of("username", "payments"))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.accessToken")
			.isEqualTo(ALICE)
			.jsonPath("$.user.uid")
			.isEqualTo(ALICE_UID)
			.jsonPath("$.user.username")
			.isEqualTo("alice");
	}

	@Test
	void usernameIsLeftOutUnlessAskedForAndGranted() {
		// Not asked for.
		authenticate(Map.of("username", "alice", "scopes", List.of("payments"))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.uid")
			.isEqualTo(ALICE_UID)
			.jsonPath("$.user.username")
			.doesNotExist();
		// Asked for, but bob has not granted it, so /v2/me leaves it out too.
		authenticate(Map.of("username", "bob", "scopes", List.of("username", "payments"))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.accessToken")
			.isEqualTo(BOB)
			.jsonPath("$.user.uid")
			.isEqualTo(BOB_UID)
			.jsonPath("$.user.username")
			.doesNotExist();
	}

	@Test
	void authenticateRefusesExpiredUnknownAndMalformedRequests() {
		authenticate(Map.of("username", "carol", "scopes", List.of("username"))).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_token");
		authenticate(Map.of("username", "mallory", "scopes", List.of("username"))).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("user_not_found");
		authenticate(Map.of("scopes", List.of("username"))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
		authenticate(Map.of("username", "alice", "scopes", "username")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
		authenticate(Map.of("username", "alice", "scopes", List.of(1))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
		webTestClient.post()
			.uri("/sdk/authenticate")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_arguments");
	}

	@Test
	void configTellsTheApprovalTimeout() {
		webTestClient.get()
			.uri("/sdk/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.approvalTimeoutMs")
			.isEqualTo(60_000);
	}

	@Test
	void sdkEndpointsAnswerPreflightsFromAnyOriginWithoutCredentials() {
		preflight("/sdk/authenticate", "POST", "content-type").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					headers -> assertThat(headers.toLowerCase()).contains("content-type"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
			.expectBody()
			.isEmpty();
		preflight("/sdk/payments/abc/transaction", "POST", "authorization").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					headers -> assertThat(headers.toLowerCase()).contains("authorization"))
			.expectBody()
			.isEmpty();
	}

	@Test
	void sdkAnswersCarryCorsHeadersOnSuccessAndOnErrors() {
		webTestClient.get()
			.uri("/sdk/users")
			.header(HttpHeaders.ORIGIN, APP_ORIGIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectBody();
		// The emulator reads Pi's error body to tell onError what went wrong; without the
		// header the browser would hide it.
		webTestClient.post()
			.uri("/sdk/authenticate")
			.header(HttpHeaders.ORIGIN, APP_ORIGIN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "mallory", "scopes", List.of()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("user_not_found");
	}

	@Test
	void platformApiAndAdminEndpointsHaveNoCors() {
		preflight("/v2/me", "GET", "authorization").expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody();
		preflight("/v2/payments/abc/approve", "POST", "authorization").expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody();
		preflight("/sandbox/payments", "DELETE", "content-type").expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody();
		webTestClient.get()
			.uri("/v2/me")
			.header(HttpHeaders.ORIGIN, APP_ORIGIN)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ALICE)
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectBody();
	}

	private WebTestClient.ResponseSpec authenticate(Object body) {
		return webTestClient.post()
			.uri("/sdk/authenticate")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec preflight(String path, String method, String headers) {
		return webTestClient.method(HttpMethod.OPTIONS)
			.uri(path)
			.header(HttpHeaders.ORIGIN, APP_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers)
			.exchange();
	}

}
