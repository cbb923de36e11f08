package dev.piedge.proxy.filter;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
	void keepsTheChainATrustedPeerSendsAndAppendsThePeer() throws Exception {
		// 203.0.113.7 is the real client as the load balancer saw it; it matches no trust
		// pattern and must survive.
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "Host: pi-edge.internal:8080",
				"X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-For: 10.1.2.3",
				"X-Forwarded-Host: shop.example.com", "X-Forwarded-Port: 443", "X-Forwarded-Prefix: /shop",
				"Forwarded: for=203.0.113.7;host=shop.example.com;proto=https");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(backendRequests()).hasSize(1);
		LoggedRequest forwarded = backendRequests().get(0);
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-For").values())
			.containsExactly("203.0.113.7, 10.1.2.3, 127.0.0.1");
		assertThat(forwarded.getHeader("X-Forwarded-Proto")).isEqualTo("https");
		assertThat(forwarded.getHeader("X-Forwarded-Host")).isEqualTo("shop.example.com");
		assertThat(forwarded.getHeader("X-Forwarded-Port")).isEqualTo("443");
		assertThat(forwarded.getHeader("X-Forwarded-Prefix")).isEqualTo("/shop");
		assertThat(forwarded.getHeaders().getHeader("Forwarded").values()).containsExactly(
				"for=203.0.113.7;host=shop.example.com;proto=https, for=127.0.0.1;host=\"pi-edge.internal:8080\";proto=http");
	}

	@Test
	void fillsInWhatATrustedPeerLeavesOut() throws Exception {
		RawHttp.get(this.port, "/public/home", "Host: shop.example.com");

		LoggedRequest forwarded = backendRequests().get(0);
		assertThat(forwarded.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(forwarded.getHeader("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(forwarded.getHeader("X-Forwarded-Host")).isEqualTo("shop.example.com");
		assertThat(forwarded.getHeader("X-Forwarded-Port")).isEqualTo("80");
	}

	@Test
	void stillStripsUnderscoreSpellingsFromATrustedPeer() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "X_Forwarded_For: 6.6.6.6");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(backendRequests().get(0).getHeaders().all())
			.noneMatch(header -> header.values().stream().anyMatch(value -> value.contains("6.6.6.6")));
	}

}
