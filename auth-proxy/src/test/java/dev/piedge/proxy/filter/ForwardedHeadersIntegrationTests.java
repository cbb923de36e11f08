package dev.piedge.proxy.filter;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no trusted proxies configured, the backend learns the caller from the proxy alone.
 */
class ForwardedHeadersIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Test
	void backendLearnsTheClientAddressSchemeHostAndPort() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home?x=1", "Host: shop.example.com:8443");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-For").values()).containsExactly("127.0.0.1");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Proto").values()).containsExactly("http");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Host").values())
			.containsExactly("shop.example.com:8443");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Port").values()).containsExactly("8443");
		assertThat(forwarded.getHeaders().getHeader("Forwarded").values())
			.containsExactly("for=127.0.0.1;host=\"shop.example.com:8443\";proto=http");
		// Without PreserveHostHeader the backend is addressed by its own name.
		assertThat(forwarded.getHeader("Host")).startsWith("localhost:").doesNotContain("shop.example.com");
	}

	@Test
	void defaultPortFollowsTheScheme() throws Exception {
		RawHttp.get(this.port, "/public/home", "Host: shop.example.com");

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("X-Forwarded-Host")).isEqualTo("shop.example.com");
		assertThat(forwarded.getHeader("X-Forwarded-Port")).isEqualTo("80");
		assertThat(forwarded.getHeader("Forwarded")).isEqualTo("for=127.0.0.1;host=shop.example.com;proto=http");
	}

	@Test
	void replacesWhatAnUntrustedClientClaims() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/optional/home", "X-Forwarded-For: 6.6.6.6",
				"X-Forwarded-For: 7.7.7.7", "x-forwarded-proto: https", "X-Forwarded-Host: evil.example",
				"X-Forwarded-Port: 443", "X-Forwarded-Prefix: /evil", "Forwarded: for=6.6.6.6;proto=https",
				"X_Forwarded_For: 8.8.8.8");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-For").values()).containsExactly("127.0.0.1");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Proto").values()).containsExactly("http");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Host").values()).containsExactly("localhost");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-Port").values()).containsExactly("80");
		assertThat(forwarded.containsHeader("X-Forwarded-Prefix")).isFalse();
		assertThat(forwarded.getHeaders().getHeader("Forwarded").values())
			.containsExactly("for=127.0.0.1;host=localhost;proto=http");
		assertThat(forwarded.getHeaders().all()).noneMatch(header -> header.values()
			.stream()
			.anyMatch(value -> value.contains("6.6.6.6") || value.contains("7.7.7.7") || value.contains("8.8.8.8")
					|| value.contains("evil")));
	}

	@Test
	void aRouteWithPreserveHostHeaderKeepsTheClientsHost() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/preserved/home", "Host: shop.example.com");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("Host")).isEqualTo("shop.example.com");
		assertThat(forwarded.getHeader("X-Forwarded-Host")).isEqualTo("shop.example.com");
	}

	private static LoggedRequest onlyBackendRequest() {
		assertThat(backendRequests()).hasSize(1);
		return backendRequests().get(0);
	}

}
