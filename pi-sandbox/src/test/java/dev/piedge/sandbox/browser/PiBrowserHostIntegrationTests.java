package dev.piedge.sandbox.browser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /pi-browser?url=…}: the host page that frames an app in a cross-site iframe,
 * as the Pi Browser does.
 */
@SandboxIntegrationTest
class PiBrowserHostIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Test
	void framesTheAppUnsandboxedUnderAPolicyThatAllowsOnlyItsOriginAndNoScript() {
		String page = host("http://localhost:8080/pi-edge/sign-in?rd=/account").expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.value("Content-Security-Policy", csp -> {
				assertThat(csp).startsWith("default-src 'none';")
					.contains("; frame-src http://localhost:8080;")
					.contains("frame-ancestors 'none'")
					.doesNotContain("script-src")
					.doesNotContain("unsafe-inline");
			})
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(page).contains("Pi sandbox browser")
			.contains("<iframe src=\"http://localhost:8080/pi-edge/sign-in?rd=/account\"")
			.doesNotContain("<script")
			.doesNotContain(" style=")
			.doesNotContainPattern("<iframe[^>]*\\ssandbox");
	}

	@Test
	void defaultPortIsLeftOutOfTheFrameSource() {
		host("https://Shop.Example.com:443/").expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy", csp -> assertThat(csp).contains("; frame-src https://shop.example.com;"))
			.expectBody();
	}

	@Test
	void urlIsEscapedInThePage() {
		String page = host("http://localhost:8080/?a=1&b=%22%3E%3Cscript%3E").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(page).contains("src=\"http://localhost:8080/?a=1&amp;b=%22%3E%3Cscript%3E\"")
			.doesNotContain("<script");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/relative/path", "localhost:8080", "javascript:alert(1)", "data:text/html,hello",
			"ftp://localhost/", "file:///etc/passwd", "http://user:secret@localhost:8080/", "http:///no-host",
			"http://local host/", "http://localhost:8080/\"><script>" })
	void urlThatIsNotAnAbsoluteHttpUrlWithoutCredentialsIsABadRequest(String url) {
		host(url).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_url")
			.jsonPath("$.error_message")
			.isNotEmpty();
	}

	@Test
	void missingUrlIsABadRequest() {
		webTestClient.get()
			.uri("/pi-browser")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_url");
	}

	private WebTestClient.ResponseSpec host(String url) {
		// A URI variable is encoded whole, so & and = in the app's URL stay inside the
		// parameter.
		return webTestClient.get()
			.uri(builder -> builder.path("/pi-browser").queryParam("url", "{url}").build(url))
			.exchange();
	}

}
