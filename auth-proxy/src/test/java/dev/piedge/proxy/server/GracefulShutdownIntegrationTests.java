package dev.piedge.proxy.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.piedge.proxy.AuthProxyApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the proxy (SIGTERM, a rolling update) lets a request already being forwarded
 * finish before the server goes away ({@code server.shutdown: graceful}, bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}). Its own application context,
 * since the test closes it.
 */
class GracefulShutdownIntegrationTests {

	@RegisterExtension
	static final WireMockExtension backend = WireMockExtension.newInstance().options(options().dynamicPort()).build();

	private ConfigurableApplicationContext proxy;

	@BeforeEach
	void start() {
		backend.stubFor(get("/slow").willReturn(aResponse().withStatus(200)
			.withBody("slow-ok")
			// Long enough for the shutdown to begin while the backend is still answering.
			.withFixedDelay(5000)));
		this.proxy = new SpringApplicationBuilder(AuthProxyApplication.class)
			.properties("server.port=0", "management.server.port=0", "spring.config.import=",
					"spring.cloud.gateway.server.webflux.routes[0].id=slow",
					"spring.cloud.gateway.server.webflux.routes[0].uri=" + backend.baseUrl(),
					"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/slow",
					"spring.cloud.gateway.server.webflux.routes[0].metadata.pi-auth=public")
			.run();
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@Test
	void aRequestInFlightWhenShutdownBeginsIsAnswered() throws Exception {
		int port = ((WebServerApplicationContext) this.proxy).getWebServer().getPort();
		CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
					HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> backend.verify(1, getRequestedFor(urlEqualTo("/slow"))));

		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(this.proxy::close);

		// The JVM exits once the context is closed, so the answer must be out by then.
		// (An
		// immediate shutdown closes the connection with the request unanswered.)
		shutdown.get(20, TimeUnit.SECONDS);
		await().atMost(Duration.ofMillis(500)).until(answer::isDone);
		HttpResponse<String> response = answer.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("slow-ok");
		assertThat(this.proxy.isActive()).isFalse();
	}

}
