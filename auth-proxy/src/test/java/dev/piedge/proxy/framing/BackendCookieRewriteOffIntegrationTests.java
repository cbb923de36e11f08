package dev.piedge.proxy.framing;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.piedge.proxy.framing.PiBrowserResponseHeadersIntegrationTests.backendAnswers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pi.browser.rewrite-backend-cookies: false} in production cookie mode, and frame
 * ancestors of one's own.
 */
@TestPropertySource(properties = { "pi.browser.rewrite-backend-cookies=false",
		"pi.browser.frame-ancestors=https://host.example:8443" })
class BackendCookieRewriteOffIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void leavesTheBackendsCookiesAsTheyAre() {
		backendAnswers(aResponse().withHeader("Set-Cookie", "sid=abc123; Path=/; SameSite=Lax"));

		assertThat(responseHeaders().get("Set-Cookie")).containsExactly("sid=abc123; Path=/; SameSite=Lax");
	}

	@Test
	void namesTheConfiguredFrameAncestors() {
		backendAnswers(aResponse().withHeader("Content-Security-Policy", "frame-ancestors 'none'"));

		assertThat(responseHeaders().get("Content-Security-Policy"))
			.containsExactly("frame-ancestors 'self' https://host.example:8443");
	}

	private HttpHeaders responseHeaders() {
		return this.client.get()
			.uri("/public/page")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders();
	}

}
