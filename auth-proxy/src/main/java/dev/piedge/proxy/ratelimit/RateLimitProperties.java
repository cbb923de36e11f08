package dev.piedge.proxy.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * pi-edge's settings around the gateway's {@code RequestRateLimiter}
 * ({@code pi.rate-limit.*}). The limits themselves are per route, in the route's filter
 * arguments.
 *
 * @param redisTimeout longest wait for Redis's answer when the limit is shared; past it
 * the request is let through and counted as a limiter error, so a hung Redis delays each
 * request by at most this much
 * @param maxBuckets most buckets the in-memory limiter keeps (one per route and key); the
 * least recently used go first. A bucket left alone until it is full again is dropped
 * anyway, since a full bucket and no bucket mean the same.
 */
@ConfigurationProperties("pi.rate-limit")
record RateLimitProperties(@DefaultValue("250ms") Duration redisTimeout, @DefaultValue("100000") long maxBuckets) {

	RateLimitProperties {
		if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
			throw new IllegalArgumentException(
					"pi.rate-limit.redis-timeout must be a positive duration, such as 250ms, was " + redisTimeout);
		}
		if (maxBuckets < 1) {
			throw new IllegalArgumentException("pi.rate-limit.max-buckets must be at least 1, was " + maxBuckets);
		}
	}

}
