package dev.piedge.proxy.framing;

import java.time.Duration;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.test.browser.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A legacy page that forbids framing and sets a {@code SameSite=Lax} cookie, shown as the
 * Pi Browser shows it: inside an iframe of a page on another site (the host page on
 * {@code 127.0.0.1}, the proxy on {@code localhost}), in a real Chromium with its default
 * cookie policy. Chromium counts {@code http://localhost} as secure, so the production
 * cookie attributes work there. The host page is the one allowed frame ancestor.
 */
class PiBrowserFramingBrowserIntegrationTests extends GatewayIntegrationTestSupport {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void hostPageMayFrameTheApp(DynamicPropertyRegistry registry) {
		registry.add("pi.browser.frame-ancestors", () -> "http://127.0.0.1:" + backend.port());
	}

	@Test
	void legacyPageShowsInACrossSiteFrameAndGetsItsCookieBack() {
		String app = "http://localhost:" + this.port;
		backend.stubFor(get(urlEqualTo("/host.html"))
			.willReturn(html("<iframe id=app src=\"" + app + "/public/shop\" width=600 height=400></iframe>")));
		backend.stubFor(get(urlEqualTo("/public/shop"))
			.willReturn(html("<p id=greeting>legacy shop</p>" + "<a id=next href=\"/public/cart\">cart</a>")
				.withHeader("X-Frame-Options", "DENY")
				.withHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
				.withHeader("Set-Cookie", "shop_session=s3cr3t; Path=/; HttpOnly; SameSite=Lax")));
		backend.stubFor(get(urlEqualTo("/public/cart")).willReturn(html("<p id=cart>cart</p>")));
		WebDriver browser = chromium.driver();

		browser.get("http://127.0.0.1:" + backend.port() + "/host.html");
		browser.switchTo().frame("app");

		assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("legacy shop");
		browser.findElement(By.id("next")).click();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !backend.findAll(getRequestedFor(urlEqualTo("/public/cart"))).isEmpty());
		assertThat(backend.findAll(getRequestedFor(urlEqualTo("/public/cart")))).singleElement()
			.satisfies(cart -> assertThat(cart.getHeader("Cookie")).isEqualTo("shop_session=s3cr3t"));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder html(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("<!doctype html><title>t</title>" + body);
	}

}
