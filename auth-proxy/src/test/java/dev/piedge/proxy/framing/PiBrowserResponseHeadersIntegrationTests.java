package dev.piedge.proxy.framing;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A legacy backend's response headers, through the real gateway, on routes where
 * {@code pi-browser} is on (the default) and off. Production cookie mode (the default).
 */
class PiBrowserResponseHeadersIntegrationTests extends GatewayIntegrationTestSupport {

	static final String OURS = "frame-ancestors 'self' https://app-cdn.minepi.com https://sandbox.minepi.com "
			+ "https://*.pinet.com";

	static final String CROSS_SITE = "; SameSite=None; Secure; Partitioned";

	@Autowired
	FrameAncestorsPolicy frameAncestors;

	@Test
	void dropsXFrameOptionsAndAddsFrameAncestorsWhenTheBackendSendsNoPolicy() {
		backendAnswers(aResponse().withHeader("X-Frame-Options", "DENY"));

		HttpHeaders headers = responseHeaders("/public/page");

		assertThat(headers.containsHeader("X-Frame-Options")).isFalse();
		assertThat(headers.get("Content-Security-Policy")).containsExactly(OURS);
	}

	@Test
	void dropsXFrameOptionsInAnySpellingAndRepeated() {
		backendAnswers(aResponse().withHeader("x-frame-options", "SAMEORIGIN", "DENY"));

		assertThat(responseHeaders("/public/page").containsHeader("X-Frame-Options")).isFalse();
	}

	@Test
	void addsFrameAncestorsToTheBackendsPolicy() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy", "default-src 'self'; img-src *"));

		assertThat(responseHeaders("/public/page").get("Content-Security-Policy"))
			.containsExactly("default-src 'self'; img-src *; " + OURS);
	}

	@Test
	void mergesTheBackendsFrameAncestorsInsteadOfReplacingThem() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; report-uri /csp"));

		assertThat(responseHeaders("/public/page").get("Content-Security-Policy"))
			.containsExactly("default-src 'self'; " + OURS + "; report-uri /csp");
	}

	@Test
	void mergesEachOfSeveralPoliciesThatHasFrameAncestors() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'",
				"script-src 'self', frame-ancestors https://partner.example"));

		assertThat(responseHeaders("/public/page").get("Content-Security-Policy")).containsExactly(
				"default-src 'self'; " + OURS, "script-src 'self', frame-ancestors https://partner.example 'self' "
						+ "https://app-cdn.minepi.com https://sandbox.minepi.com https://*.pinet.com");
	}

	@Test
	void givesExactlyOnePolicyOursWhenNoneOfSeveralHasFrameAncestors() {
		backendAnswers(
				aResponse().withHeader("Content-Security-Policy", "script-src 'self', img-src *", "style-src 'self'"));

		assertThat(responseHeaders("/public/page").get("Content-Security-Policy"))
			.containsExactly("script-src 'self'; " + OURS + ", img-src *", "style-src 'self'");
	}

	@Test
	void leavesAReportOnlyPolicyAlone() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy-Report-Only", "frame-ancestors 'none'"));

		HttpHeaders headers = responseHeaders("/public/page");

		assertThat(headers.get("Content-Security-Policy-Report-Only")).containsExactly("frame-ancestors 'none'");
		assertThat(headers.get("Content-Security-Policy")).containsExactly(OURS);
	}

	@Test
	void rewritesEachBackendSetCookieKeepingItsOtherAttributes() {
		backendAnswers(aResponse().withHeader("Set-Cookie", "sid=abc123; Path=/; HttpOnly; SameSite=Lax",
				"cart=1;path=/shop;secure;samesite=lax", "theme=dark ;  SameSite=Strict ; Max-Age=3600",
				"lang=en; Domain=localhost; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure"));

		assertThat(responseHeaders("/public/page").get("Set-Cookie")).containsExactly(
				"sid=abc123; Path=/; HttpOnly" + CROSS_SITE, "cart=1;path=/shop" + CROSS_SITE,
				"theme=dark ; Max-Age=3600" + CROSS_SITE,
				"lang=en; Domain=localhost; Expires=Wed, 21 Oct 2037 07:28:00 GMT" + CROSS_SITE);
	}

	@Test
	void rewritesCookieDeletionsSoTheyReachThePartitionedCookie() {
		backendAnswers(aResponse().withHeader("Set-Cookie", "sid=; Max-Age=0; Path=/",
				"cart=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop"));

		assertThat(responseHeaders("/public/page").get("Set-Cookie")).containsExactly(
				"sid=; Max-Age=0; Path=/" + CROSS_SITE,
				"cart=deleted; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop" + CROSS_SITE);
	}

	@Test
	void appliesToVerifiedRequestsOnAnyRoute() {
		piKnows("alice-token", "uid-alice", "alice", List.of("username"), Duration.ofHours(1));
		backendAnswers(aResponse().withHeader("X-Frame-Options", "DENY").withHeader("Set-Cookie", "sid=1"));

		HttpHeaders headers = this.client.get()
			.uri("/orders/7")
			.header("Authorization", "Bearer alice-token")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders();

		assertThat(headers.containsHeader("X-Frame-Options")).isFalse();
		assertThat(headers.get("Content-Security-Policy")).containsExactly(OURS);
		assertThat(headers.get("Set-Cookie")).containsExactly("sid=1" + CROSS_SITE);
	}

	@Test
	void routeWithPiBrowserOffPassesTheBackendsHeadersUntouched() {
		backendAnswers(aResponse().withHeader("X-Frame-Options", "DENY")
			.withHeader("Set-Cookie", "sid=abc123; Path=/; SameSite=Lax", "cart=; Max-Age=0"));

		HttpHeaders headers = responseHeaders("/pi-browser-off/page");

		assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
		assertThat(headers.containsHeader("Content-Security-Policy")).isFalse();
		assertThat(headers.get("Set-Cookie")).containsExactly("sid=abc123; Path=/; SameSite=Lax", "cart=; Max-Age=0");
	}

	@Test
	void routeWithPiBrowserOffKeepsTheBackendsPolicyAsItIs() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"));

		assertThat(responseHeaders("/pi-browser-off/page").get("Content-Security-Policy"))
			.containsExactly("default-src 'self'; frame-ancestors 'none'");
	}

	@Test
	void offersTheDirectiveTheProxysOwnPagesUse() {
		assertThat(this.frameAncestors.directive()).isEqualTo(OURS);
	}

	static void backendAnswers(ResponseDefinitionBuilder response) {
		backend.stubFor(any(anyUrl()).willReturn(response.withStatus(200).withBody("backend-ok")));
	}

	HttpHeaders responseHeaders(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders();
	}

}
