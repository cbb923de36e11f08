package dev.piedge.proxy.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * One key's token bucket at one instant, with the gateway's {@link RedisRateLimiter}
 * semantics: it holds at most {@code burstCapacity} tokens, gains {@code replenishRate} a
 * second, starts full, and a request takes {@code requestedTokens} or is refused and
 * takes none. Unlike Redis's script, which counts whole seconds, it refills continuously.
 * Immutable: each request makes the next state.
 *
 * @param tokens tokens left after the last request
 * @param at when {@code tokens} was true
 * @param granted whether the last request was let through
 */
record TokenBucket(double tokens, Instant at, boolean granted) {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	/** The state after a request at {@code now} on this bucket, {@code null} = full. */
	static TokenBucket take(TokenBucket bucket, Instant now, RedisRateLimiter.Config config) {
		double capacity = config.getBurstCapacity();
		double available = (bucket != null) ? bucket.available(now, config) : capacity;
		int requested = config.getRequestedTokens();
		boolean granted = available >= requested;
		return new TokenBucket(granted ? available - requested : available, now, granted);
	}

	/** Whole tokens left, as {@code X-RateLimit-Remaining} reports them. */
	long remaining() {
		return (long) Math.floor(this.tokens);
	}

	/**
	 * Whole seconds until the request that was refused would be let through, at least 1.
	 */
	long retryAfterSeconds(RedisRateLimiter.Config config) {
		return retryAfterSeconds(this.tokens, config);
	}

	/**
	 * Whole seconds until a bucket holding {@code tokens} can give a request its tokens,
	 * at least 1.
	 */
	static long retryAfterSeconds(double tokens, RedisRateLimiter.Config config) {
		double missing = config.getRequestedTokens() - tokens;
		return Math.max(1, (long) Math.ceil(missing / config.getReplenishRate()));
	}

	/**
	 * How long until this bucket is full again; from then on it is the same as no bucket.
	 */
	Duration untilFull(RedisRateLimiter.Config config) {
		double seconds = (config.getBurstCapacity() - this.tokens) / config.getReplenishRate();
		return Duration.ofNanos((long) Math.ceil(Math.max(0, seconds) * NANOS_PER_SECOND));
	}

	private double available(Instant now, RedisRateLimiter.Config config) {
		long elapsedNanos = Math.max(0, Duration.between(this.at, now).toNanos());
		double refilled = this.tokens + elapsedNanos / NANOS_PER_SECOND * config.getReplenishRate();
		return Math.min(config.getBurstCapacity(), refilled);
	}

}
