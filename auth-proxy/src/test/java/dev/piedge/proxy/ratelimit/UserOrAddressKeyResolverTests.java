package dev.piedge.proxy.ratelimit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Set;

import dev.piedge.proxy.filter.TrustedProxyPeers;
import dev.piedge.proxy.token.VerifiedIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UserOrAddressKeyResolverTests {

	private final UserOrAddressKeyResolver resolver = new UserOrAddressKeyResolver(trusting("10\\.0\\.0\\.\\d+"));

	@Test
	void aVerifiedRequestSpendsItsUidsBudget() {
		MockServerWebExchange exchange = exchange("203.0.113.7");
		exchange.getAttributes()
			.put(VerifiedIdentity.EXCHANGE_ATTRIBUTE, new VerifiedIdentity("u-1", null, Set.of(), Instant.MAX));

		assertThat(this.resolver.resolve(exchange).block()).isEqualTo("uid:u-1");
	}

	@Test
	void anAnonymousRequestFromAnUntrustedPeerSpendsThePeersBudget() {
		assertThat(this.resolver.resolve(exchange("203.0.113.7", "198.51.100.1")).block())
			.isEqualTo("address:203.0.113.7");
	}

	@Test
	void behindTrustedProxiesTheNearestUntrustedEntryIsTheClient() {
		assertThat(this.resolver.resolve(exchange("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.9")).block())
			.isEqualTo("address:198.51.100.1");
		assertThat(this.resolver.resolve(exchange("10.0.0.1", "10.0.0.8, 10.0.0.9")).block())
			.isEqualTo("address:10.0.0.8");
		assertThat(this.resolver.resolve(exchange("10.0.0.1")).block()).isEqualTo("address:10.0.0.1");
	}

	private static MockServerWebExchange exchange(String peer, String... forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/x")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor.length > 0) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return MockServerWebExchange.from(request);
	}

	private static TrustedProxyPeers trusting(String pattern) {
		GatewayProperties gateway = new GatewayProperties();
		gateway.setTrustedProxies(pattern);
		return new TrustedProxyPeers(gateway);
	}

}
