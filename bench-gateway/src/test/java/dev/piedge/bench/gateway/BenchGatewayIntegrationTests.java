package dev.piedge.bench.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BenchGatewayIntegrationTests {

	/** The benchmark's backend: a fixed small body, and the path it was asked for. */
	static final DisposableServer backend = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> response.header("X-Backend-Path", request.uri())
			.sendString(Mono.just("{\"ok\":true}")))
		.bindNow();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void backend(DynamicPropertyRegistry registry) {
		registry.add("BENCH_BACKEND_URL", () -> "http://127.0.0.1:" + backend.port());
	}

	@AfterAll
	static void stopBackend() {
		backend.disposeNow();
	}

	@Test
	void forwardsEveryPathToTheBackend() {
		client.get()
			.uri("/off/item")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Backend-Path", "/off/item")
			.expectBody(String.class)
			.isEqualTo("{\"ok\":true}");
	}

}
