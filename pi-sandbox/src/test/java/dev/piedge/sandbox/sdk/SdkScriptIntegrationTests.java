package dev.piedge.sandbox.sdk;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /pi-sdk.js}, the Pi SDK emulator that pages of another origin load. */
@SandboxIntegrationTest
class SdkScriptIntegrationTests {

	@Autowired
	private WebTestClient webTestClient;

	@Test
	void scriptIsServedAsJavascriptToAnyOriginAndRevalidatedOnEveryLoad() {
		webTestClient.get()
			.uri("/pi-sdk.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_TYPE,
					type -> assertThat(MediaType.parseMediaType(type))
						.isEqualTo(new MediaType("application", "javascript", StandardCharsets.UTF_8)))
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(String.class)
			.value(script -> assertThat(script).contains("window.Pi =").contains("currentScript"));
	}

	@Test
	void scriptLoadedWithCrossOriginAttributeGetsOneAllowOriginHeader() {
		// <script crossorigin src> sends an Origin header.
		webTestClient.get()
			.uri("/pi-sdk.js")
			.header(HttpHeaders.ORIGIN, "http://localhost:8080")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, values -> assertThat(values).containsExactly("*"))
			.expectBody();
	}

	@Test
	void scriptUsesNothingAStrictContentSecurityPolicyBlocks() {
		// The browser tests prove it under a real CSP; this names the usual culprits so a
		// change that adds one fails with a clear message.
		String script = webTestClient.get()
			.uri("/pi-sdk.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(script).doesNotContain("eval(")
			.doesNotContain("new Function")
			.doesNotContain("innerHTML")
			.doesNotContain("outerHTML")
			.doesNotContain("insertAdjacentHTML")
			.doesNotContain("document.write")
			.doesNotContain("setAttribute('style'")
			.doesNotContain("createElement('style')")
			.doesNotContain("cssText");
	}

}
