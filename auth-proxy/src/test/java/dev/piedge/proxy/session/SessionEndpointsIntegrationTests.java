package dev.piedge.proxy.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class SessionEndpointsIntegrationTests extends SessionIntegrationTestSupport {

	@Test
	void signInSetsAProductionCookieAndAnswersTheSession() {
		piKnows(this.aliceToken, ALICE, "alice", List.of("username", "payments"), Duration.ofHours(1));
		Instant now = this.clock.instant();

		EntityExchangeResult<Map> result = this.client.post()
			.uri("/pi-edge/session")
			.header("Origin", "http://localhost")
			.header("Host", "localhost")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"accessToken\":\"" + this.aliceToken + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class)
			.returnResult();

		// Pi's valid_until (an hour) comes before the 12 h maximum.
		assertThat(result.getResponseBody()).containsEntry("uid", ALICE)
			.containsEntry("username", "alice")
			.containsEntry("ttl", 3600)
			.containsEntry("created", now.toString())
			.containsEntry("until", now.plusSeconds(3600).toString());
		String setCookie = rawSessionCookie(result.getResponseHeaders());
		assertThat(setCookie).containsIgnoringCase("Path=/")
			.containsIgnoringCase("Max-Age=3600")
			.containsIgnoringCase("; Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("SameSite=None")
			.containsIgnoringCase("; Partitioned")
			.doesNotContainIgnoringCase("Domain=")
			.doesNotContain(this.aliceToken);
	}

	@Test
	void aBearerHeaderSignsInToo() {
		piKnows("bob-session-token", "uid-bob", null, List.of("payments"), Duration.ofHours(1));

		this.client.post()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.header("Authorization", "Bearer bob-session-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.uid")
			.isEqualTo("uid-bob")
			.jsonPath("$.username")
			.doesNotExist();
	}

	@Test
	void theSessionLastsAtMostMaxAgeWhateverPiSays() {
		piKnows("long-token", "uid-long", null, List.of(), Duration.ofDays(30));

		this.client.post()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"accessToken\":\"long-token\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.ttl")
			.isEqualTo(12 * 3600);
	}

	@Test
	void signInFromAnotherSiteIsRefusedWithoutAskingPi() {
		for (Map.Entry<String, String> crossSite : List.of(Map.entry("Origin", "https://evil.example"),
				Map.entry("Sec-Fetch-Site", "cross-site"), Map.entry("Sec-Fetch-Site", "same-site"))) {
			this.client.post()
				.uri("/pi-edge/session")
				.header(crossSite.getKey(), crossSite.getValue())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"accessToken\":\"alice-token\"}")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.doesNotExist(HttpHeaders.SET_COOKIE)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("csrf_rejected");
		}
		assertThat(meCalls()).isZero();
	}

	@Test
	void signInWithoutOriginOrFetchMetadataIsRefused() {
		this.client.post()
			.uri("/pi-edge/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"accessToken\":\"alice-token\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aFormOrTextBodyCannotSignIn() {
		for (MediaType type : List.of(MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN)) {
			this.client.post()
				.uri("/pi-edge/session")
				.header("Sec-Fetch-Site", "same-origin")
				.contentType(type)
				.bodyValue("accessToken=alice-token")
				.exchange()
				.expectStatus()
				.isEqualTo(415)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("unsupported_media_type");
		}
		assertThat(meCalls()).isZero();
	}

	@Test
	void badBodiesAndTokensAreClientErrors() {
		post("{}").expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("missing_token");
		post("{\"accessToken\":\"has space\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		post("{\"accessToken\":").expectStatus().isBadRequest();
		post("{\"accessToken\":42}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		piRejects("stale-token");
		post("{\"accessToken\":\"stale-token\"}").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_token");
	}

	@Test
	void aTokenTooLongForACookieIsRefusedInsteadOfSilentlyDropped() {
		String longToken = "t".repeat(3000) + this.aliceToken;
		piKnows(longToken, ALICE, "alice", List.of("username"), Duration.ofHours(1));

		post("{\"accessToken\":\"" + longToken + "\"}").expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("session_too_large");
	}

	@Test
	void signInWhilePiIsDownIs503() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(aResponse().withStatus(503)));

		post("{\"accessToken\":\"" + this.aliceToken + "\"}").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
	}

	@Test
	void theCurrentSessionIsReadBackFromTheCookie() {
		String cookie = signInAlice();
		this.clock.advance(Duration.ofMinutes(1));

		this.client.get()
			.uri("/pi-edge/session")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.uid")
			.isEqualTo(ALICE)
			.jsonPath("$.ttl")
			.isEqualTo(3540)
			.jsonPath("$.created")
			.isEqualTo(this.clock.instant().minusSeconds(60).toString());
	}

	@Test
	void noSessionIs401() {
		this.client.get()
			.uri("/pi-edge/session")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("no_session");
	}

	@Test
	void deleteClearsTheCookieWithTheAttributesItWasSetWith() {
		String cookie = signInAlice();

		EntityExchangeResult<byte[]> result = this.client.delete()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.returnResult();

		assertThat(rawSessionCookie(result.getResponseHeaders())).startsWith(COOKIE + "=;")
			.containsIgnoringCase("Path=/")
			.containsIgnoringCase("Max-Age=0")
			.containsIgnoringCase("; Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("SameSite=None")
			.containsIgnoringCase("; Partitioned");
	}

	@Test
	void signOutFormRedirectsToAValidatedPath() {
		String cookie = signInAlice();

		this.client.post()
			.uri("/pi-edge/sign-out")
			.header("Sec-Fetch-Site", "same-origin")
			.cookie(COOKIE, cookie)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("rd=%2Fshop%3Fpage%3D2")
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.location("/shop?page=2")
			.expectHeader()
			.value(HttpHeaders.SET_COOKIE, value -> assertThat(value).contains("Max-Age=0", "Partitioned"));
		this.client.post()
			.uri("/pi-edge/sign-out")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("rd=%2F%2Fevil.example")
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.location("/");
		this.client.post()
			.uri("/pi-edge/sign-out")
			.header("Sec-Fetch-Site", "same-origin")
			.exchange()
			.expectStatus()
			.isNoContent();
	}

	@Test
	void signOutFromAnotherSiteIsRefused() {
		this.client.post()
			.uri("/pi-edge/sign-out")
			.header("Origin", "https://evil.example")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("rd=/")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void nothingUnderThePiEdgePrefixReachesTheBackend() {
		this.client.get().uri("/pi-edge/unknown").exchange().expectStatus().isNotFound();
		this.client.get().uri("/pi-edge").exchange().expectStatus().isNotFound();
		this.client.put()
			.uri("/pi-edge/session")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET", "POST", "DELETE"));
		this.client.get().uri("/pi-edge/sign-out").exchange().expectStatus().isEqualTo(405);
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void theValidationKeyIsServedAsPlainText() {
		this.client.get()
			.uri("/validation-key.txt")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("test-validation-key-0123");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void theSignInPageRunsUnderAStrictPolicyWithOneNonce() {
		EntityExchangeResult<String> result = this.client.get()
			.uri(builder -> builder.path("/pi-edge/sign-in").queryParam("rd", "{rd}").build("/account?tab=1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class)
			.returnResult();

		String policy = result.getResponseHeaders().getFirst("Content-Security-Policy");
		String nonce = policy.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
		assertThat(policy).startsWith("default-src 'none'")
			.contains("script-src 'nonce-" + nonce + "' http://sdk.test;")
			.contains(
					"frame-ancestors 'self' https://app-cdn.minepi.com https://sandbox.minepi.com https://*.pinet.com")
			.doesNotContain("unsafe");
		String page = result.getResponseBody();
		assertThat(page).contains("<script nonce=\"" + nonce + "\" src=\"http://sdk.test/pi-sdk.js\"></script>")
			.contains("\"rd\":\"/account?tab=1\"")
			.contains("Pi.authenticate(['username', 'payments'], onIncompletePaymentFound)")
			.contains("\"incomplete\":\"/pi_payment/incomplete\"");
		// Every script element but the JSON data block carries the nonce.
		assertThat(page.split("<script").length - 1).isEqualTo(3);
		assertThat(page.split("<script nonce=\"" + nonce + "\"").length - 1).isEqualTo(2);
	}

	@Test
	void theSignInPageNeverSendsAnywhereElse() {
		for (String rd : List.of("//evil.example/x", "/\\evil.example", "https://evil.example/", "/pi-edge/sign-in",
				"/\t/evil.example", "/ /evil.example", "javascript:alert(1)", "/PI-EDGE/session")) {
			this.client.get()
				.uri(builder -> builder.path("/pi-edge/sign-in").queryParam("rd", "{rd}").build(rd))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value(page -> assertThat(page).as(rd).contains("\"rd\":\"/\""));
		}
	}

	@Test
	void theSignInPagesDataCannotBreakOutOfItsScriptElement() {
		this.client.get()
			.uri(builder -> builder.path("/pi-edge/sign-in").queryParam("rd", "{rd}").build("/a</script><b>"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(page -> assertThat(page).doesNotContain("</script><b>"));
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String body) {
		return this.client.post()
			.uri("/pi-edge/session")
			.header("Sec-Fetch-Site", "same-origin")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
