package dev.piedge.proxy.filter;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class PiAuthenticationGlobalFilterIntegrationTests extends GatewayIntegrationTestSupport {

	private static final String ALICE = "uid-alice";

	@LocalServerPort
	int port;

	@Test
	void forwardsVerifiedUserWithIdentityHeadersAndWithoutAuthorization() {
		piKnows("alice-token", ALICE, "alice", List.of("username", "payments"), Duration.ofHours(1));

		this.client.get()
			.uri("/orders/42")
			.header("Authorization", "Bearer alice-token")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getUrl()).isEqualTo("/orders/42");
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Uid").values()).containsExactly(ALICE);
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Username").values()).containsExactly("alice");
		assertThat(forwarded.getHeader("X-Pi-Identity")).isNotBlank();
		assertThat(forwarded.containsHeader("Authorization")).isFalse();
	}

	@Test
	void omitsUsernameWhenPiReturnsNone() {
		piKnows("bob-token", "uid-bob", null, List.of("payments"), Duration.ofHours(1));

		this.client.get().uri("/orders").header("Authorization", "Bearer bob-token").exchange().expectStatus().isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-bob");
		assertThat(forwarded.containsHeader("X-Pi-Username")).isFalse();
	}

	@Test
	void routeWithoutPolicyRequiresAToken() {
		this.client.get()
			.uri("/anything")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"pi-edge\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing_token")
			.jsonPath("$.status")
			.isEqualTo(401);
		assertThat(backendRequests()).isEmpty();
		assertThat(meCalls()).isZero();
	}

	@Test
	void rejectsInvalidTokenWithRfc6750Challenge() {
		piRejects("stale-token");

		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer stale-token")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"pi-edge\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_token");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void rejectsMissingScopeWithForbiddenNamingTheScope() {
		piKnows("no-pay-token", "uid-carl", "carl", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/pay/checkout")
			.header("Authorization", "Bearer no-pay-token")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("WWW-Authenticate",
					"Bearer realm=\"pi-edge\", error=\"insufficient_scope\", scope=\"payments\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_scope")
			.jsonPath("$.missing_scopes[0]")
			.isEqualTo("payments")
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("payments"));
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void routeWithScopesButNoModeIsRequiredAndChecksEveryScope() {
		piKnows("payer-token", "uid-dora", "dora", List.of("payments"), Duration.ofHours(1));

		this.client.get().uri("/staff/report").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/staff/report")
			.header("Authorization", "Bearer payer-token")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.missing_scopes[0]")
			.isEqualTo("roles");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void allowsRouteWhenTokenHoldsRequiredScope() {
		piKnows("pay-token", ALICE, "alice", List.of("payments"), Duration.ofHours(1));

		this.client.post()
			.uri("/pay/checkout")
			.header("Authorization", "Bearer pay-token")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(onlyBackendRequest().getHeader("X-Pi-Uid")).isEqualTo(ALICE);
	}

	@Test
	void optionalRouteForwardsAnonymousRequestWithoutIdentity() {
		this.client.get().uri("/optional/page").header("X-Pi-Uid", "forged").exchange().expectStatus().isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.containsHeader("X-Pi-Uid")).isFalse();
		assertThat(forwarded.containsHeader("X-Pi-Identity")).isFalse();
		assertThat(meCalls()).isZero();
	}

	@Test
	void optionalRouteForwardsVerifiedIdentity() {
		piKnows("opt-token", ALICE, "alice", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/optional/page")
			.header("Authorization", "Bearer opt-token")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(onlyBackendRequest().getHeader("X-Pi-Uid")).isEqualTo(ALICE);
	}

	@Test
	void optionalRouteStillRejectsInvalidToken() {
		piRejects("bad-opt-token");

		this.client.get()
			.uri("/optional/page")
			.header("Authorization", "Bearer bad-opt-token")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_token");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void publicRouteNeverCallsPiAndDropsAuthorization() {
		this.client.get()
			.uri("/public/home")
			.header("Authorization", "Bearer whatever")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(meCalls()).isZero();
		assertThat(onlyBackendRequest().containsHeader("Authorization")).isFalse();
	}

	@Test
	void forwardsAuthorizationOnlyWhenRouteAsksForIt() {
		piKnows("fwd-token", ALICE, "alice", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/forward/x")
			.header("Authorization", "Bearer fwd-token")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(onlyBackendRequest().getHeader("Authorization")).isEqualTo("Bearer fwd-token");
	}

	@Test
	void otherAuthorizationSchemesCountAsNoToken() {
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Basic dXNlcjpwYXNz")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing_token");
		assertThat(meCalls()).isZero();
	}

	@Test
	void neverReadsTheTokenFromTheQueryString() {
		piKnows("query-token", ALICE, "alice", List.of("username"), Duration.ofHours(1));

		this.client.get().uri("/orders?access_token=query-token").exchange().expectStatus().isUnauthorized();
		assertThat(meCalls()).isZero();
	}

	@Test
	void rejectsEmptyBearerAsBadRequest() {
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		assertThat(meCalls()).isZero();
	}

	@Test
	void rejectsOversizedTokenWithoutCallingPi() {
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer " + "a".repeat(4097))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		assertThat(meCalls()).isZero();
	}

	@Test
	void rejectsTokenWithControlCharacters() throws Exception {
		for (String header : List.of("Authorization: Bearer abc\u0001def", "Authorization: Bearer abc\tdef")) {
			RawHttp.Answer answer = RawHttp.get(this.port, "/orders", header);
			assertThat(answer.status()).as(header).isIn(400, 401);
			assertThat(answer.text()).doesNotContain("Exception").doesNotContain("at dev.piedge");
		}
		assertThat(meCalls()).isZero();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void rejectsRepeatedAuthorizationHeaders() {
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer one", "Bearer two")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		assertThat(meCalls()).isZero();
	}

	@Test
	void answersProblemJsonWithoutStackTraceForUnknownFailures() {
		this.client.get()
			.uri("/orders")
			.header("Authorization", "Bearer unknown-to-wiremock")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable")
			.jsonPath("$.trace")
			.doesNotExist()
			.jsonPath("$.exception")
			.doesNotExist();
	}

	private static LoggedRequest onlyBackendRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
