package dev.piedge.proxy.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code RequestRateLimiter} on one instance, with the in-memory limiter
 * (no Redis configured) and the test clock, which stands still: no token comes back
 * unless a test moves time. Routes from {@code application-ratelimit.yml}; 127.0.0.1 is a
 * trusted proxy, other loopback addresses are clients.
 */
@ActiveProfiles("ratelimit")
@TestPropertySource(properties = "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1")
class RateLimitIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Test
	void aUserOverTheLimitGetsRateLimitedAndTheBackendSeesOnlyTheAllowedRequests() {
		piKnows("token-alice", "uid-alice", "alice", List.of(), Duration.ofHours(1));
		piKnows("token-bob", "uid-bob", "bob", List.of(), Duration.ofHours(1));

		for (int remaining = 2; remaining >= 0; remaining--) {
			asUser("token-alice").exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Remaining", Integer.toString(remaining));
		}
		asUser("token-alice").exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.valueEquals("X-RateLimit-Replenish-Rate", "1")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "3")
			.expectHeader()
			.valueEquals("X-RateLimit-Requested-Tokens", "1")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited")
			.jsonPath("$.status")
			.isEqualTo(429);
		assertThat(backendRequests()).hasSize(3);

		asUser("token-bob").exchange().expectStatus().isOk();
		assertThat(backendRequests()).hasSize(4);
	}

	@Test
	void aRefusedUserIsLetThroughAgainAfterRetryAfter() {
		piKnows("token-carol", "uid-carol", "carol", List.of(), Duration.ofHours(1));
		for (int i = 0; i < 3; i++) {
			asUser("token-carol").exchange().expectStatus().isOk();
		}
		asUser("token-carol").exchange().expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "1");

		this.clock.advance(Duration.ofSeconds(1));

		asUser("token-carol").exchange().expectStatus().isOk();
		asUser("token-carol").exchange().expectStatus().isEqualTo(429);
		assertThat(backendRequests()).hasSize(4);
	}

	@Test
	void aUserIsLimitedWhateverAddressTheRequestsComeFrom() throws Exception {
		piKnows("token-dave", "uid-dave", "dave", List.of(), Duration.ofHours(1));
		for (int i = 1; i <= 3; i++) {
			assertThat(get("127.0.0.1", "/limited/a", "Authorization: Bearer token-dave",
					"X-Forwarded-For: 198.51.100." + i)
				.status()).isEqualTo(200);
		}

		RawHttp.Answer fourth = get("127.0.0.1", "/limited/a", "Authorization: Bearer token-dave",
				"X-Forwarded-For: 198.51.100.4");

		assertThat(fourth.status()).isEqualTo(429);
		assertThat(backendRequests()).hasSize(3);
	}

	@Test
	void anonymousClientsAreLimitedByTheirAddress() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("127.0.0.2", "/limited/a").status()).isEqualTo(200);
		}
		RawHttp.Answer refused = get("127.0.0.2", "/limited/a");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.body()).contains("\"code\":\"rate_limited\"");

		assertThat(get("127.0.0.3", "/limited/a").status()).isEqualTo(200);
		assertThat(backendRequests()).hasSize(4);
	}

	@Test
	void xForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
		for (int i = 1; i <= 3; i++) {
			assertThat(get("127.0.0.4", "/limited/a", "X-Forwarded-For: 203.0.113." + i).status()).isEqualTo(200);
		}

		assertThat(get("127.0.0.4", "/limited/a", "X-Forwarded-For: 203.0.113.99").status()).isEqualTo(429);
		assertThat(backendRequests()).hasSize(3);
	}

	@Test
	void xForwardedForFromATrustedProxyNamesTheClient() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.10").status()).isEqualTo(200);
		}
		assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.10").status()).isEqualTo(429);
		// What the client wrote before its own address proves nothing: still 192.0.2.10.
		assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.77, 192.0.2.10").status()).isEqualTo(429);

		// Another client behind the same proxy has its own budget.
		assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.11").status()).isEqualTo(200);
		assertThat(backendRequests()).hasSize(4);
	}

	@Test
	void aUidNeverSpendsTheBudgetOfAnAddressWithTheSameName() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.50").status()).isEqualTo(200);
		}
		assertThat(get("127.0.0.1", "/limited/a", "X-Forwarded-For: 192.0.2.50").status()).isEqualTo(429);
		piKnows("token-odd", "192.0.2.50", null, List.of(), Duration.ofHours(1));

		assertThat(get("127.0.0.1", "/limited/a", "Authorization: Bearer token-odd", "X-Forwarded-For: 192.0.2.50")
			.status()).isEqualTo(200);
	}

	@Test
	void routesWithoutTheFilterAreNotLimited() {
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/free")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist("X-RateLimit-Remaining");
		}
	}

	@Test
	void noRedisClientIsBuiltWhenNoRedisIsConfigured(@Autowired ApplicationContext context) {
		assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(context.getBeanNamesForType(RedisRateLimiter.class)).isEmpty();
		assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InMemoryRateLimiter.class);
	}

	private WebTestClient.RequestHeadersSpec<?> asUser(String token) {
		return this.client.get().uri("/limited/orders").header("Authorization", "Bearer " + token);
	}

	private RawHttp.Answer get(String from, String target, String... headers) throws Exception {
		return RawHttp.getFrom(from, this.port, target, headers);
	}

}
