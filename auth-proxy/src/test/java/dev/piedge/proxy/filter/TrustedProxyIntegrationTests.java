package dev.piedge.proxy.filter;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1|10\\..*")
class TrustedProxyIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Test
	void keepsForwardedHeadersFromATrustedPeerAndAppendsItsOwn() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "X-Forwarded-Proto: https",
				"X-Forwarded-For: 10.1.2.3");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(backendRequests()).hasSize(1);
		assertThat(backendRequests().get(0).getHeader("X-Forwarded-Proto")).startsWith("https");
		// The gateway keeps only hops that match the trusted-proxy pattern, then appends the peer.
		assertThat(backendRequests().get(0).getHeader("X-Forwarded-For")).isEqualTo("10.1.2.3,127.0.0.1");
	}

	@Test
	void stillStripsUnderscoreSpellingsFromATrustedPeer() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "X_Forwarded_For: 6.6.6.6");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(backendRequests().get(0).getHeaders().all())
			.noneMatch(header -> header.values().stream().anyMatch(value -> value.contains("6.6.6.6")));
	}

}
