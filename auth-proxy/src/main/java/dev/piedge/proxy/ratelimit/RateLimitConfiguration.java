package dev.piedge.proxy.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

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

	/**
	 * Redis is configured: one of
	 * {@link RedisAutoConfigurationImportFilter#REDIS_PROPERTIES}.
	 */
	static class RedisConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return RedisAutoConfigurationImportFilter.redisConfigured(context.getEnvironment());
		}

	}

	static class RedisNotConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !RedisAutoConfigurationImportFilter.redisConfigured(context.getEnvironment());
		}

	}

}
