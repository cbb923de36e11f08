package dev.piedge.proxy.ratelimit;

import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * Leaves out Spring's and the gateway's Redis auto-configuration when no Redis is
 * configured for the shared rate limit: without it they would still build a Lettuce
 * client, its threads and about a thousand classes (5 MB of the proxy's memory, issue 16)
 * for a Redis no request uses. With Redis configured, nothing is left out.
 */
public class RedisAutoConfigurationImportFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Any one of them configures Redis, as for Spring Boot's own connection factory. */
	static final List<String> REDIS_PROPERTIES = List.of("spring.data.redis.host", "spring.data.redis.url",
			"spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

	private static final Set<String> REDIS_AUTO_CONFIGURATIONS = Set.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	static boolean redisConfigured(PropertyResolver properties) {
		return REDIS_PROPERTIES.stream().anyMatch((name) -> StringUtils.hasText(properties.getProperty(name)));
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean leaveOut = !redisConfigured(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// An earlier filter's refusals arrive as nulls.
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate != null && !(leaveOut && REDIS_AUTO_CONFIGURATIONS.contains(candidate));
		}
		return matches;
	}

}
