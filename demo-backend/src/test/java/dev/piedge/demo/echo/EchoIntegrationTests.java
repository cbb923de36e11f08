package dev.piedge.demo.echo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class EchoIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void echoesMethodPathQueryHeadersAndBody() {
		client.post()
			.uri("/shop/orders?draft=true")
			.header("X-Pi-Uid", "uid-123")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"item\":\"tea\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.method")
			.isEqualTo("POST")
			.jsonPath("$.path")
			.isEqualTo("/shop/orders")
			.jsonPath("$.query")
			.isEqualTo("draft=true")
			.jsonPath("$.headers['X-Pi-Uid'][0]")
			.isEqualTo("uid-123")
			.jsonPath("$.body")
			.isEqualTo("{\"item\":\"tea\"}");
	}

	@Test
	void echoesGetWithoutBodyAsEmptyString() {
		client.get().uri("/hello").exchange().expectStatus().isOk().expectBody().jsonPath("$.body").isEqualTo("");
	}

	@Test
	void echoesEveryPathTheShopDoesNotServe() {
		// The shop's paths with other methods still reach the echo.
		client.get()
			.uri("/orders")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/orders");
		client.post().uri("/").exchange().expectStatus().isOk().expectBody().jsonPath("$.method").isEqualTo("POST");
	}

	@Test
	void refusesBodiesOverTheCapWithProblemJson() {
		client.post()
			.uri("/upload")
			.bodyValue("x".repeat(EchoHandler.MAX_BODY_BYTES + 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("body_too_large");
	}

}
