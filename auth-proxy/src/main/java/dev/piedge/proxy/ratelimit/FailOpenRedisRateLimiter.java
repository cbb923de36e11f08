package dev.piedge.proxy.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's {@link RedisRateLimiter}, shared by every proxy instance, made safe for
 * an outage of Redis. Like the gateway's own limiter it <b>fails open</b>: while Redis
 * cannot answer, requests are let through unlimited, because the limit protects backends
 * from one user and an outage of Redis must not take the whole site down with it. Unlike
 * it, the wait is bounded ({@code pi.rate-limit.redis-timeout}), each failure is counted
 * ({@code pi_edge_rate_limiter_errors_total}) and an outage is logged once when it starts
 * and once when Redis answers again, not per request. A refusal carries
 * {@code Retry-After}, from the bucket's tokens.
 */
class FailOpenRedisRateLimiter implements RateLimiter<RedisRateLimiter.Config> {

	private static final Logger log = LoggerFactory.getLogger(FailOpenRedisRateLimiter.class);

	/**
	 * {@link RedisRateLimiter} answers "allowed" with this many tokens left when its
	 * script failed; it has swallowed the error by then.
	 */
	private static final String FAILED_SCRIPT_REMAINING = "-1";

	private final RedisRateLimiter redis;

	private final Duration timeout;

	private final Counter errors;

	private final AtomicBoolean outage = new AtomicBoolean();

	FailOpenRedisRateLimiter(RedisRateLimiter redis, RateLimitProperties properties, MeterRegistry registry) {
		this.redis = redis;
		this.timeout = properties.redisTimeout();
		this.errors = Counter.builder("pi.edge.rate.limiter.errors")
			.description("Rate limit checks that Redis could not answer; those requests were let through")
			.register(registry);
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return Mono.defer(() -> this.redis.isAllowed(routeId, id))
			// Spring Data Redis opens its shared connection synchronously on first use
			// (and
			// again when Redis was down at start-up): never on an event loop.
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.timeout)
			.map(response -> answered(routeId, response))
			.onErrorResume(ex -> Mono.just(failedOpen(routeId, ex)));
	}

	private Response answered(String routeId, Response response) {
		String remaining = response.getHeaders().get(this.redis.getRemainingHeader());
		if (response.isAllowed() && FAILED_SCRIPT_REMAINING.equals(remaining)) {
			return failedOpen(routeId, null);
		}
		if (this.outage.compareAndSet(true, false)) {
			log.info("Rate limiter: Redis answers again; limits shared by all instances are enforced again");
		}
		if (response.isAllowed() || remaining == null) {
			return response;
		}
		RedisRateLimiter.Config config = this.redis.getConfig().get(routeId);
		if (config == null) {
			return response;
		}
		Map<String, String> headers = new HashMap<>(response.getHeaders());
		headers.put(HttpHeaders.RETRY_AFTER,
				Long.toString(TokenBucket.retryAfterSeconds(Double.parseDouble(remaining), config)));
		return new Response(false, headers);
	}

	private Response failedOpen(String routeId, Throwable cause) {
		this.errors.increment();
		if (this.outage.compareAndSet(false, true)) {
			String reason = (cause instanceof TimeoutException) ? "no answer within " + this.timeout : (cause != null)
					? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "the rate limit script failed";
			log.warn("Rate limiter: Redis cannot be used ({}); requests are let through without a limit "
					+ "until it answers again (first seen on route {})", reason, routeId);
		}
		RedisRateLimiter.Config config = this.redis.getConfig().get(routeId);
		return new Response(true, (config != null) ? this.redis.getHeaders(config, -1L) : Map.of());
	}

	@Override
	public Map<String, RedisRateLimiter.Config> getConfig() {
		return this.redis.getConfig();
	}

	@Override
	public Class<RedisRateLimiter.Config> getConfigClass() {
		return this.redis.getConfigClass();
	}

	@Override
	public RedisRateLimiter.Config newConfig() {
		return this.redis.newConfig();
	}

}
