package dev.piedge.proxy.session;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code checkout} test route, configured like {@code config/auth-proxy.yml}'s, with
 * the WireMock backend playing the sidecar: the one way through the reserved
 * {@code /pi-edge/} prefix to a gateway route.
 */
class CheckoutRouteIntegrationTests extends SessionIntegrationTestSupport {

	@LocalServerPort
	int port;

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	/** Already encoded: sent as it is. */
	private static final String LINK = "/pi-edge/checkout?product=green-tea&quantity=1"
			+ "&success_url=%2Forders%2Fcheckout%2F%7BCHECKOUT_SESSION_ID%7D&cancel_url=%2F";

	private static final String FRAME_ANCESTORS = "frame-ancestors 'self' https://app-cdn.minepi.com "
			+ "https://sandbox.minepi.com https://*.pinet.com";

	@Test
	void anAnonymousPageLoadOfTheLinkGoesToSignInAndComesBackToTheWholeLink() {
		this.client.get()
			.uri(link())
			.header("Sec-Fetch-Mode", "navigate")
			.header("Accept", BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/pi-edge/sign-in?rd=" + URLEncoder.encode(LINK, StandardCharsets.UTF_8));
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void anAnonymousPageLoadOfACheckoutPageGoesToSignInAndComesBack() {
		this.client.get()
			.uri("/pi-edge/checkout/cs_Ab12-x")
			.header("Sec-Fetch-Mode", "navigate")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/pi-edge/sign-in?rd=%2Fpi-edge%2Fcheckout%2Fcs_Ab12-x");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void anAnonymousScriptGetsA401() {
		this.client.get().uri(link()).header("Accept", "application/json").exchange().expectStatus().isUnauthorized();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void aBearerTokenIsForwardedToTheSidecarAsTheVerifiedIdentity() {
		piKnows("bob-token", "uid-bob", "bob", List.of("payments"), Duration.ofHours(1));
		backend.stubFor(
				any(anyUrl()).willReturn(aResponse().withStatus(303).withHeader("Location", "/pi-edge/checkout/cs_1")));

		this.client.get()
			.uri(link())
			.header("Authorization", "Bearer bob-token")
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.location("/pi-edge/checkout/cs_1");

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getUrl()).isEqualTo(LINK);
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-bob");
		assertThat(forwarded.getHeader("X-Pi-Identity")).isNotBlank();
		assertThat(forwarded.containsHeader("Authorization")).isFalse();
	}

	@Test
	void theSessionCookieIsForwardedAsTheVerifiedIdentityAndTheCookieItselfIsNot() {
		String cookie = signInAlice();

		this.client.get()
			.uri("/pi-edge/checkout/cs_Ab12")
			.header("Sec-Fetch-Mode", "navigate")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getUrl()).isEqualTo("/pi-edge/checkout/cs_Ab12");
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo(ALICE);
		assertThat(forwarded.getHeader("X-Pi-Identity")).isNotBlank();
		assertThat(forwarded.getCookies()).doesNotContainKey(COOKIE);
	}

	@Test
	void theCheckoutPageIsMadeFrameableByThePiBrowser() {
		String cookie = signInAlice();
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withHeader("X-Frame-Options", "DENY")
			.withHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-n0nce'")
			.withBody("<p>checkout</p>")));

		HttpHeaders headers = this.client.get()
			.uri("/pi-edge/checkout/cs_Ab12")
			.cookie(COOKIE, cookie)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders();

		assertThat(headers.containsHeader("X-Frame-Options")).isFalse();
		assertThat(headers.get("Content-Security-Policy"))
			.containsExactly("default-src 'none'; script-src 'nonce-n0nce'; " + FRAME_ANCESTORS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pi-edge/checkoutx", "/pi-edge/unknown", "/pi-edge/checkout-x/cs_1",
			"/pi-edge/x/checkout", "/pi-edge/CHECKOUT" })
	void everyOtherPathUnderThePrefixIsStillA404(String path) {
		piKnows("bob-token", "uid-bob", "bob", List.of("payments"), Duration.ofHours(1));

		this.client.get().uri(path).header("Authorization", "Bearer bob-token").exchange().expectStatus().isNotFound();
		assertThat(backendRequests()).isEmpty();
	}

	/**
	 * The link exactly as encoded: a relative {@code URI} would bypass the client's base
	 * URL, and a string would be encoded again.
	 */
	private URI link() {
		return URI.create("http://localhost:" + this.port + LINK);
	}

	private static LoggedRequest onlyBackendRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
