package dev.piedge.proxy.framing;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.piedge.proxy.framing.PiBrowserResponseHeadersIntegrationTests.OURS;
import static dev.piedge.proxy.framing.PiBrowserResponseHeadersIntegrationTests.backendAnswers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Development mode ({@code pi.browser.session.cookie.secure: false}, plain http): a
 * browser drops a {@code SameSite=None} cookie that is not {@code Secure}, and a
 * {@code Secure} one set over plain http (RFC 6265bis 5.7), so the backend's cookies are
 * left as they are. Framing still applies.
 */
@TestPropertySource(properties = "pi.browser.session.cookie.secure=false")
class BackendCookiesInDevelopmentModeIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void leavesTheBackendsCookiesAsTheyAre() {
		backendAnswers(aResponse().withHeader("Set-Cookie", "sid=abc123; Path=/; HttpOnly; SameSite=Lax", "cart=1"));

		assertThat(responseHeaders().get("Set-Cookie")).containsExactly("sid=abc123; Path=/; HttpOnly; SameSite=Lax",
				"cart=1");
	}

	@Test
	void stillLetsThePiBrowserFrameTheApp() {
		backendAnswers(aResponse().withHeader("X-Frame-Options", "DENY"));

		HttpHeaders headers = responseHeaders();

		assertThat(headers.containsHeader("X-Frame-Options")).isFalse();
		assertThat(headers.get("Content-Security-Policy")).containsExactly(OURS);
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
