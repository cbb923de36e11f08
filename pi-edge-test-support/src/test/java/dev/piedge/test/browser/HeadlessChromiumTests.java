package dev.piedge.test.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlessChromiumTests {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private static HttpServer server;

	@BeforeAll
	static void serve() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			byte[] page = "<!doctype html><title>t</title><p id=greeting>rendered by a browser</p><script>document.getElementById('greeting').dataset.script = 'ran';</script>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void loadsAPageAndRunsItsScripts() {
		WebDriver browser = chromium.driver();
		browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
		assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("rendered by a browser");
		assertThat(browser.findElement(By.id("greeting")).getDomAttribute("data-script")).isEqualTo("ran");
	}

}
