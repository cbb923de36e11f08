package dev.piedge.proxy.ratelimit;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Holds the gateway's rate limit script ({@code request_rate_limiter.lua}) in memory. The
 * gateway's bean reads it from the classpath whenever Redis does not know it yet (after
 * every start of Redis: {@code EVALSHA} fails, {@code EVAL} sends the text), and it does
 * so on Lettuce's event loop: blocking I/O where none may happen. Read once here, at
 * start-up, the text is the gateway's own.
 */
class InMemoryRedisScriptPostProcessor implements BeanPostProcessor {

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (RedisRateLimiter.REDIS_SCRIPT_NAME.equals(beanName) && bean instanceof RedisScript<?> script) {
			return new DefaultRedisScript<>(script.getScriptAsString(), (Class) List.class);
		}
		return bean;
	}

}
