package dev.piedge.proxy.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.piedge.proxy.AuthProxyApplication;
import dev.piedge.proxy.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two proxy instances with {@code spring.data.redis.*} set share one budget through a
 * real Redis that the test starts itself, and an outage of Redis lets requests through
 * (fail-open), counted and logged once, until Redis answers again.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitIntegrationTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	static final WireMockExtension pi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static final WireMockExtension backend = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoProxies() {
		first = proxy();
		second = proxy();
		// Each instance opens its connection to Redis on first use, which on a loaded
		// machine can take longer
		// than pi.rate-limit.redis-timeout; the tests count from a connected state.
		// /limited/ refills 1 a
		// second, so polling it never runs dry.
		for (ConfigurableApplicationContext proxy : List.of(first, second)) {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> !"-1"
					.equals(RawHttp.get(port(proxy), "/limited/warm-up").header("X-RateLimit-Remaining")));
		}
	}

	@AfterAll
	static void stopProxies() {
		second.close();
		first.close();
	}

	@BeforeEach
	void stubs() {
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("backend-ok")));
	}

	@Test
	@Order(0)
	void redisConfiguredBuildsTheSharedLimiterOnSpringsRedisClient() {
		assertThat(first.getBean(ReactiveRedisConnectionFactory.class)).isNotNull();
		assertThat(first.getBean(RateLimiter.class)).isInstanceOf(FailOpenRedisRateLimiter.class);
	}

	@Test
	@Order(1)
	void twoInstancesShareOneBudget() throws Exception {
		piKnows("token-erin", "uid-erin");

		assertThat(request(first, "token-erin").status()).isEqualTo(200);
		assertThat(request(second, "token-erin").status()).isEqualTo(200);
		assertThat(request(first, "token-erin").status()).isEqualTo(200);
		RawHttp.Answer refused = request(second, "token-erin");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 20L);
		assertThat(refused.header("X-RateLimit-Burst-Capacity")).isEqualTo("60");
		assertThat(refused.header("X-RateLimit-Requested-Tokens")).isEqualTo("20");
		assertThat(request(first, "token-erin").status()).isEqualTo(429);
		assertThat(backend.findAll(anyRequestedFor(urlEqualTo("/scarce/orders")))).hasSize(3);

		piKnows("token-frank", "uid-frank");
		assertThat(request(second, "token-frank").status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void anOutageOfRedisLetsRequestsThroughCountedAndLoggedOnceUntilItAnswersAgain(CapturedOutput output)
			throws Exception {
		piKnows("token-gina", "uid-gina");
		double errorsBefore = errors(first);
		int logBefore = output.getOut().length();
		redis.stop();

		for (int i = 0; i < 5; i++) {
			RawHttp.Answer answer = request(first, "token-gina");
			assertThat(answer.status()).isEqualTo(200);
		}

		assertThat(backend.findAll(anyRequestedFor(urlEqualTo("/scarce/orders")))).hasSize(5);
		assertThat(errors(first) - errorsBefore).isEqualTo(5);
		String outageLog = output.getOut().substring(logBefore);
		assertThat(outageLog.split("Rate limiter: Redis cannot be used", -1)).hasSize(2);
		assertThat(outageLog).doesNotContain("Error calling rate limiter lua").doesNotContain("status=500");

		redis.start();

		// Lettuce reconnects on its own; the fresh Redis holds a full bucket.
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !"-1".equals(request(first, "token-gina").header("X-RateLimit-Remaining")));
		await().atMost(Duration.ofSeconds(5)).until(() -> request(second, "token-gina").status() == 429);
		assertThat(output.getOut()).contains("Rate limiter: Redis answers again");
	}

	private static double errors(ConfigurableApplicationContext proxy) {
		return proxy.getBean(MeterRegistry.class).counter("pi.edge.rate.limiter.errors").count();
	}

	private static RawHttp.Answer request(ConfigurableApplicationContext proxy, String token) throws Exception {
		return RawHttp.get(port(proxy), "/scarce/orders", "Authorization: Bearer " + token);
	}

	private static int port(ConfigurableApplicationContext proxy) {
		return ((WebServerApplicationContext) proxy).getWebServer().getPort();
	}

	private static void piKnows(String token, String uid) {
		long validUntil = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
		pi.stubFor(get(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"uid\":\"" + uid + "\",\"credentials\":{\"scopes\":[],\"valid_until\":{\"timestamp\":"
						+ validUntil + ",\"iso8601\":\"" + Instant.ofEpochSecond(validUntil) + "\"}}}")));
	}

	private static ConfigurableApplicationContext proxy() {
		return new SpringApplicationBuilder(AuthProxyApplication.class).profiles("test", "ratelimit")
			// Arguments, not default properties: they must win over application-test.yml.
			.run("--server.port=0", "--management.server.port=0", "--pi.api.base-url=" + pi.baseUrl(),
					"--test.backend-url=" + backend.baseUrl(), "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port(),
					// The first /v2/me of a fresh JVM on a loaded machine can take longer
					// than the test profile's.
					"--pi.auth.timeout=5s");
	}

}
