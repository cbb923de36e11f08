package dev.piedge.proxy.filter;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy and the backend must agree on the host, so an ambiguous Host never gets
 * through.
 */
class HostHeaderIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "Host: shop.example.com|Host: admin.internal", "Host: a.example, b.example",
			"Host: shop.example.com/evil", "Host: user@shop.example.com" })
	void refusesARepeatedOrMalformedHost(String hostLines) throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", hostLines.split("\\|"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("\"code\":\"invalid_host\"");
		assertThat(backendRequests()).isEmpty();
	}

	/**
	 * Reactor Netty refuses these itself, with a bare 400, before pi-edge sees the
	 * request.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Host: shop.example.com:80:80", "Host: shop.example.com:port" })
	void theServerRefusesAnUnparseablePort(String hostLine) throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", hostLine);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(backendRequests()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host: shop.example.com", "Host: shop.example.com:8443", "Host: 127.0.0.1:8080",
			"Host: [::1]:8080", "Host: xn--bcher-kva.example" })
	void forwardsAWellFormedHost(String hostLine) throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", hostLine);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(backendRequests()).hasSize(1);
	}

}
