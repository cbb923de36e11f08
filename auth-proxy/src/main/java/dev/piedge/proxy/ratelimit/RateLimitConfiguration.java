package dev.piedge.proxy.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Chooses the limiter behind the gateway's {@code RequestRateLimiter}: the in-memory one
 * (one instance, nothing to install), or, when Redis is configured
 * ({@code spring.data.redis.host}, {@code url}, {@code sentinel.master} or
 * {@code cluster.nodes}), the gateway's {@link RedisRateLimiter}, which the gateway
 * auto-configures, so every instance spends one shared budget. Either is the primary
 * {@code RateLimiter}, the one the filter factory takes.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	@Primary
	@Conditional(RedisNotConfigured.class)
	InMemoryRateLimiter inMemoryRateLimiter(Clock clock, RateLimitProperties properties,
			ConfigurationService configurationService) {
		return new InMemoryRateLimiter(clock, properties, configurationService);
	}

	@Bean
	@Primary
	@Conditional(RedisConfigured.class)
	FailOpenRedisRateLimiter sharedRateLimiter(RedisRateLimiter redis, RateLimitProperties properties,
			MeterRegistry registry) {
		return new FailOpenRedisRateLimiter(redis, properties, registry);
	}

	@Bean
	static InMemoryRedisScriptPostProcessor inMemoryRedisScriptPostProcessor() {
		return new InMemoryRedisScriptPostProcessor();
	}

	static class RedisConfigured extends AnyNestedCondition {

		RedisConfigured() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("spring.data.redis.host")
		static class Host {

		}

		@ConditionalOnProperty("spring.data.redis.url")
		static class Url {

		}

		@ConditionalOnProperty("spring.data.redis.sentinel.master")
		static class Sentinel {

		}

		@ConditionalOnProperty("spring.data.redis.cluster.nodes")
		static class Cluster {

		}

	}

	static class RedisNotConfigured extends NoneNestedConditions {

		RedisNotConfigured() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(RedisConfigured.class)
		static class Redis {

		}

	}

}
