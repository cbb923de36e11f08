package dev.piedge.proxy.ratelimit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpHeaders;

import reactor.core.publisher.Mono;

/**
 * The rate limiter of a single proxy instance: token buckets in memory, one per route and
 * key, with the gateway's {@link RedisRateLimiter} semantics, configuration keys
 * ({@code redis-rate-limiter.replenishRate}, {@code .burstCapacity},
 * {@code .requestedTokens} in the route's filter arguments) and response headers, so a
 * route is configured the same whichever limiter runs. Memory is bounded: a bucket
 * expires once it would be full again, and at most {@code pi.rate-limit.max-buckets} are
 * kept. Time comes from the injected {@link Clock}.
 */
class InMemoryRateLimiter extends AbstractRateLimiter<RedisRateLimiter.Config> {

	private final Clock clock;

	private final Cache<BucketKey, TokenBucket> buckets;

	InMemoryRateLimiter(Clock clock, RateLimitProperties properties, ConfigurationService configurationService) {
		super(RedisRateLimiter.Config.class, RedisRateLimiter.CONFIGURATION_PROPERTY_NAME, configurationService);
		this.clock = clock;
		// Upkeep on the calling thread, as in every cache on the request path:
		// the default executor would wake a common-pool thread per request.
		this.buckets = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(properties.maxBuckets())
			.expireAfter(Expiry
				.<BucketKey, TokenBucket>writing((key, bucket) -> bucket.untilFull(configuration(key.routeId()))))
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return Mono.fromSupplier(() -> {
			RedisRateLimiter.Config config = configuration(routeId);
			TokenBucket bucket = this.buckets.asMap()
				.compute(new BucketKey(routeId, id),
						(key, previous) -> TokenBucket.take(previous, this.clock.instant(), config));
			Map<String, String> headers = headers(config, bucket.remaining());
			if (!bucket.granted()) {
				headers.put(HttpHeaders.RETRY_AFTER, Long.toString(bucket.retryAfterSeconds(config)));
			}
			return new Response(bucket.granted(), headers);
		});
	}

	/**
	 * The headers {@link RedisRateLimiter} sends with its default names, so clients see
	 * one format.
	 */
	static Map<String, String> headers(RedisRateLimiter.Config config, long remaining) {
		Map<String, String> headers = new HashMap<>();
		headers.put(RedisRateLimiter.REMAINING_HEADER, Long.toString(remaining));
		headers.put(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(config.getReplenishRate()));
		headers.put(RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(config.getBurstCapacity()));
		headers.put(RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(config.getRequestedTokens()));
		return headers;
	}

	/** The route's arguments, else those of the gateway's default filters, as Redis's. */
	private RedisRateLimiter.Config configuration(String routeId) {
		RedisRateLimiter.Config config = getConfig().get(routeId);
		if (config == null) {
			config = getConfig().get(RouteDefinitionRouteLocator.DEFAULT_FILTERS);
		}
		if (config == null) {
			throw new IllegalArgumentException("No redis-rate-limiter arguments for route " + routeId
					+ " or the default filters; give replenishRate and burstCapacity");
		}
		return config;
	}

	private record BucketKey(String routeId, String id) {
	}

}
