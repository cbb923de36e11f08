package dev.piedge.proxy.filter;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT and TRACE are answered by the proxy itself and never reach a backend. */
class ProxiedMethodIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(
			strings = { "CONNECT example.com:443", "CONNECT 127.0.0.1:8081", "TRACE /public/home", "TRACE /orders" })
	void refusesWithProblemJsonAndForwardsNothing(String requestLine) throws Exception {
		RawHttp.Answer answer = RawHttp.send(this.port,
				requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.text()).containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
			.contains("\"code\":\"method_not_allowed\"");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void aPipelinedRequestAfterAConnectIsAnsweredInTurn() throws Exception {
		RawHttp.Answer answer = RawHttp.send(this.port,
				"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
						+ "GET /public/home HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(405);
		int second = answer.text().indexOf("HTTP/1.1 ", 1);
		assertThat(second).as("a second answer on the same connection").isPositive();
		assertThat(answer.text().substring(second)).startsWith("HTTP/1.1 200").contains("backend-ok");
		assertThat(backendRequests()).singleElement()
			.satisfies(request -> assertThat(request.getUrl()).isEqualTo("/public/home"));
	}

}
