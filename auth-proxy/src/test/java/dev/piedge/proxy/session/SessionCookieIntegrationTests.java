package dev.piedge.proxy.session;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class SessionCookieIntegrationTests extends SessionIntegrationTestSupport {

	@Test
	void aCookieIdentityIsForwardedExactlyLikeABearerOne() {
		String cookie = signInAlice();

		this.client.get().uri("/orders/1").cookie(COOKIE, cookie).cookie("cart", "3").exchange().expectStatus().isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo(ALICE);
		assertThat(forwarded.getHeader("X-Pi-Username")).isEqualTo("alice");
		assertThat(forwarded.getHeader("X-Pi-Identity")).isNotBlank();
		// The backend keeps its own cookies and never sees pi-edge's.
		assertThat(forwarded.getHeader("Cookie")).isEqualTo("cart=3");
		assertThat(forwarded.containsHeader("Authorization")).isFalse();
	}

	@Test
	void aPageLoadWithTheCookieDoesNotAskPiUntilTheSessionIsDueForItsCheck() {
		String cookie = signInAlice();
		int afterSignIn = meCalls();
		this.clock.advance(Duration.ofMinutes(4));

		this.client.get().uri("/orders/1").cookie(COOKIE, cookie).exchange().expectStatus().isOk();

		assertThat(meCalls()).isEqualTo(afterSignIn);
	}

	@Test
	void theRoutesScopesAreCheckedForACookieIdentity() {
		String cookie = signInAlice();

		this.client.get()
			.uri("/staff/1")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_scope");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void aBearerHeaderWinsOverTheCookie() {
		String cookie = signInAlice();
		piKnows("bob-cookie-token", "uid-bob", null, List.of("payments"), Duration.ofHours(1));

		this.client.get()
			.uri("/orders/1")
			.cookie(COOKIE, cookie)
			.header("Authorization", "Bearer bob-cookie-token")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(onlyBackendRequest().getHeader("X-Pi-Uid")).isEqualTo("uid-bob");
	}

	@Test
	void aTamperedCookieCountsAsNoneAndIsCleared() {
		String cookie = signInAlice();
		char last = cookie.charAt(cookie.length() - 5);
		String tampered = cookie.substring(0, cookie.length() - 5) + ((last == 'A') ? 'B' : 'A')
				+ cookie.substring(cookie.length() - 4);

		this.client.get()
			.uri("/optional/page")
			.cookie(COOKIE, tampered)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.SET_COOKIE, value -> assertThat(value).startsWith(COOKIE + "=;").contains("Max-Age=0"));
		assertThat(onlyBackendRequest().containsHeader("X-Pi-Uid")).isFalse();
		this.client.get()
			.uri("/orders/1")
			.cookie(COOKIE, "not-a-session")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing_token");
	}

	@Test
	void anExpiredSessionCountsAsNone() {
		String cookie = signInAlice();
		// Opened once while live (so the proxy has it at hand), then past its end.
		this.client.get().uri("/optional/page").cookie(COOKIE, cookie).exchange().expectStatus().isOk();
		assertThat(onlyBackendRequest().getHeader("X-Pi-Uid")).isEqualTo(ALICE);
		backend.resetRequests();
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));

		this.client.get().uri("/optional/page").cookie(COOKIE, cookie).exchange().expectStatus().isOk();

		assertThat(onlyBackendRequest().containsHeader("X-Pi-Uid")).isFalse();
	}

	@Test
	void aDueSessionIsCheckedWithPiAndItsCookieRenewed() {
		String cookie = signInAlice();
		this.clock.advance(Duration.ofMinutes(6));
		int before = meCalls();

		String renewed = sessionCookie(this.client.get()
			.uri("/orders/1")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseHeaders()).getValue();

		assertThat(meCalls()).isEqualTo(before + 1);
		assertThat(renewed).isNotEqualTo(cookie);
		// The renewed cookie is good for another five minutes without Pi.
		this.clock.advance(Duration.ofMinutes(4));
		this.client.get().uri("/orders/2").cookie(COOKIE, renewed).exchange().expectStatus().isOk();
		assertThat(meCalls()).isEqualTo(before + 1);
	}

	@Test
	void piRejectingTheTokenEndsTheSessionAtOnce() {
		String cookie = signInAlice();
		this.clock.advance(Duration.ofMinutes(6));
		piRejects(this.aliceToken);

		this.client.get()
			.uri("/optional/page")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.SET_COOKIE, value -> assertThat(value).startsWith(COOKIE + "=;"));
		assertThat(onlyBackendRequest().containsHeader("X-Pi-Uid")).isFalse();
	}

	@Test
	void whilePiIsDownASessionKeepsWorkingForTheGraceThenFailsClosed() {
		String cookie = signInAlice();
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(aResponse().withStatus(503)));

		// Due after 5 minutes; the grace runs 10 minutes past that.
		this.clock.advance(Duration.ofMinutes(14));
		this.client.get().uri("/orders/1").cookie(COOKIE, cookie).exchange().expectStatus().isOk();
		assertThat(onlyBackendRequest().getHeader("X-Pi-Uid")).isEqualTo(ALICE);

		this.clock.advance(Duration.ofMinutes(2));
		this.client.get()
			.uri("/orders/2")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_provider_unavailable");
		assertThat(backendRequests()).hasSize(1);
	}

	@Test
	void aCrossSiteStateChangeWithTheCookieIsRefusedAndNeverForwarded() {
		String cookie = signInAlice();

		for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
			this.client.method(org.springframework.http.HttpMethod.valueOf(method))
				.uri("/optional/orders")
				.cookie(COOKIE, cookie)
				.header("Origin", "https://evil.example")
				.header("Sec-Fetch-Site", "cross-site")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("item=1")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("csrf_rejected");
		}
		// A page that names no origin at all proves nothing either.
		this.client.post().uri("/optional/orders").cookie(COOKIE, cookie).exchange().expectStatus().isForbidden();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void aStateChangeFromTheProxysOwnOrATrustedOriginIsForwarded() {
		String cookie = signInAlice();

		this.client.post()
			.uri("/optional/orders")
			.cookie(COOKIE, cookie)
			.header("Sec-Fetch-Site", "same-origin")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/optional/orders")
			.cookie(COOKIE, cookie)
			.header("Host", "shop.example:8443")
			.header("Origin", "http://shop.example:8443")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/optional/orders")
			.cookie(COOKIE, cookie)
			.header("Origin", "https://frontend.example")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(backendRequests()).hasSize(3)
			.allSatisfy(request -> assertThat(request.getHeader("X-Pi-Uid")).isEqualTo(ALICE));
	}

	@Test
	void bearerRequestsAreExemptFromTheCrossSiteCheck() {
		piKnows("bob-cookie-token", "uid-bob", null, List.of("payments"), Duration.ofHours(1));

		this.client.post()
			.uri("/optional/orders")
			.header("Authorization", "Bearer bob-cookie-token")
			.header("Origin", "https://evil.example")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aCrossSitePageLoadWithTheCookieIsStillAPageLoad() {
		String cookie = signInAlice();

		this.client.get()
			.uri("/orders/1")
			.cookie(COOKIE, cookie)
			.header("Sec-Fetch-Site", "cross-site")
			.header("Sec-Fetch-Mode", "navigate")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static LoggedRequest onlyBackendRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
