package dev.piedge.proxy.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.piedge.pi.client.PiAccessTokenRejectedException;
import dev.piedge.pi.client.PiApiUnavailableException;
import dev.piedge.pi.client.PiPlatformClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Turns a Pi access token into a {@link VerifiedIdentity} with {@code GET /v2/me}, behind
 * a Caffeine cache keyed by the token's SHA-256.
 * <ul>
 * <li>Concurrent lookups of one token share a single in-flight call.</li>
 * <li>An identity lives for {@code pi.auth.cache.ttl}, never past the token's
 * {@code valid_until}.</li>
 * <li>Pi's definite 401 is remembered for {@code pi.auth.cache.negative-ttl}.</li>
 * <li>Timeouts, connection failures, 5xx and 429 are retried by the Pi client like every
 * idempotent read ({@code pi.api.retry.*}, {@link dev.piedge.pi.client.PiRetryOperator}),
 * the whole lookup bounded by {@code pi.auth.timeout}. They are never cached: they fail
 * with {@link IdentityProviderUnavailableException}, unless
 * {@code pi.auth.stale-if-error} allows an identity verified earlier.</li>
 * <li>With {@code pi.auth.cache.refresh-ahead}, a request that finds an identity past 80%
 * of its TTL starts one background call with its own token; the answer replaces the
 * entry, a failure leaves it to expire.</li>
 * </ul>
 */
@Service
public class IdentityService {

	private static final Logger log = LoggerFactory.getLogger(IdentityService.class);

	private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

	private final PiPlatformClient pi;

	private final PiAuthProperties properties;

	private final Clock clock;

	/**
	 * Pi's answers. A plain cache of answers rather than Caffeine's cache of futures: the
	 * future would stay with each cached identity for its whole life (24 bytes more each,
	 * issue 16's memory target), while coalescing needs it only until Pi answers.
	 */
	private final Cache<TokenHash, TokenCheck> checks;

	/** The lookups waiting for Pi, one per token, so concurrent requests share a call. */
	private final ConcurrentMap<TokenHash, CompletableFuture<TokenCheck>> inFlight = new ConcurrentHashMap<>();

	private final Cache<TokenHash, VerifiedIdentity> lastVerified;

	private final IdentityMetrics metrics;

	private final long ttlMillis;

	/** 80% of the TTL, worked out once: Duration division goes through BigDecimal. */
	private final long refreshAfterMillis;

	public IdentityService(PiPlatformClient pi, PiAuthProperties properties, Clock clock, MeterRegistry registry) {
		this.pi = pi;
		this.properties = properties;
		this.clock = clock;
		this.metrics = new IdentityMetrics(registry);
		this.ttlMillis = properties.cache().ttl().toMillis();
		this.refreshAfterMillis = properties.cache().ttl().multipliedBy(4).dividedBy(5).toMillis();
		Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
		// Cache upkeep runs on the calling event-loop thread: it is tiny, and handing it
		// to another pool
		// would cost a thread switch on the hot path.
		this.checks = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(properties.cache().maxSize())
			.ticker(ticker)
			.expireAfter(new CheckExpiry())
			.build();
		this.lastVerified = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(properties.cache().maxSize())
			.ticker(ticker)
			.expireAfterWrite(properties.cache().ttl().plus(properties.staleIfError()))
			.build();
	}

	/**
	 * Verifies a well-formed bearer token. Fails with {@link InvalidTokenException} when
	 * Pi rejects it and with {@link IdentityProviderUnavailableException} when Pi cannot
	 * answer.
	 */
	public Mono<VerifiedIdentity> verify(String token) {
		TokenHash key = TokenHash.of(token);
		TokenCheck cached = this.checks.getIfPresent(key);
		if (cached != null) {
			// The common case: no future and no subscription.
			this.metrics.cacheLookup("hit");
			refreshAheadIfDue(key, token, cached);
			return outcome(cached);
		}
		CompletableFuture<TokenCheck> started = new CompletableFuture<>();
		CompletableFuture<TokenCheck> pending = this.inFlight.putIfAbsent(key, started);
		if (pending == null) {
			this.metrics.cacheLookup("miss");
			pending = started;
			startLookUp(key, token, started);
		}
		else {
			this.metrics.cacheLookup("coalesced");
		}
		// suppressCancel: one caller going away must not cancel the lookup others are
		// waiting on.
		return Mono.fromFuture(pending, true)
			.onErrorResume(ex -> staleOrUnavailable(key, ex))
			.flatMap(IdentityService::outcome);
	}

	private static Mono<VerifiedIdentity> outcome(TokenCheck result) {
		return (result instanceof TokenCheck.Verified verified) ? Mono.just(verified.identity())
				: Mono.error(InvalidTokenException.create());
	}

	/**
	 * Calls Pi for a token no one is looking up yet; concurrent lookups of it wait on
	 * {@code started}. The answer goes into the cache before the call leaves the
	 * in-flight map, so a lookup arriving in between finds one or the other, never
	 * neither.
	 */
	private void startLookUp(TokenHash key, String token, CompletableFuture<TokenCheck> started) {
		TokenCheck answeredMeanwhile = this.checks.getIfPresent(key);
		if (answeredMeanwhile != null) {
			// Another lookup finished between this one's cache miss and its claim.
			this.inFlight.remove(key, started);
			started.complete(answeredMeanwhile);
			return;
		}
		CompletableFuture<TokenCheck> call;
		try {
			call = lookUp(key, token);
		}
		catch (RuntimeException ex) {
			// Never leave a claim behind that nothing will complete: later requests
			// would wait on it.
			this.inFlight.remove(key, started);
			started.completeExceptionally(ex);
			return;
		}
		call.whenComplete((result, failure) -> {
			if (failure == null) {
				this.checks.put(key, result);
			}
			this.inFlight.remove(key, started);
			if (failure == null) {
				started.complete(result);
			}
			else {
				started.completeExceptionally(failure);
			}
		});
	}

	/**
	 * Starts a background {@code /v2/me} call for an identity past 80% of its TTL. Only
	 * when the TTL, not the token's {@code valid_until}, ends the entry: otherwise a new
	 * answer would not live any longer.
	 */
	private void refreshAheadIfDue(TokenHash key, String token, TokenCheck cached) {
		if (!this.properties.cache().refreshAhead() || !(cached instanceof TokenCheck.Verified verified)) {
			return;
		}
		long answeredAt = verified.answeredAtMillis();
		boolean due = this.clock.millis() >= answeredAt + this.refreshAfterMillis;
		boolean endedByTtl = verified.identity().validUntil().toEpochMilli() > answeredAt + this.ttlMillis;
		if (!due || !endedByTtl || !verified.claimRefresh()) {
			return;
		}
		this.metrics.refreshStarted();
		lookUp(key, token).thenAccept(result -> this.checks.put(key, result));
	}

	private CompletableFuture<TokenCheck> lookUp(TokenHash key, String token) {
		return this.pi.me(token)
			.timeout(this.properties.timeout())
			.<TokenCheck>map(user -> new TokenCheck.Verified(VerifiedIdentity.from(user), this.clock.millis()))
			.onErrorResume(PiAccessTokenRejectedException.class,
					ex -> Mono.just(new TokenCheck.Rejected(this.clock.millis())))
			.doOnNext(result -> remember(key, result))
			.doOnEach(signal -> {
				if (signal.isOnNext()) {
					this.metrics.meCall(signal.get() instanceof TokenCheck.Verified ? "verified" : "rejected");
				}
				else if (signal.isOnError()) {
					this.metrics.meCall("unavailable");
				}
			})
			.toFuture();
	}

	private void remember(TokenHash key, TokenCheck result) {
		if (this.properties.staleIfError().isZero()) {
			return;
		}
		if (result instanceof TokenCheck.Verified verified) {
			this.lastVerified.put(key, verified.identity());
		}
		else {
			this.lastVerified.invalidate(key);
		}
	}

	private Mono<TokenCheck> staleOrUnavailable(TokenHash key, Throwable failure) {
		VerifiedIdentity stale = this.lastVerified.getIfPresent(key);
		if (stale != null && this.clock.instant().isBefore(stale.validUntil())) {
			this.metrics.staleServed();
			return Mono.just(new TokenCheck.Verified(stale, this.clock.millis()));
		}
		log.warn("Pi API could not verify a token ({} {}): answering 503", key, describe(failure));
		return Mono.error(IdentityProviderUnavailableException.retryAfter(retryAfter(failure)));
	}

	private Duration retryAfter(Throwable failure) {
		if (failure instanceof PiApiUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
			Duration fromPi = unavailable.retryAfter().get();
			return fromPi.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : fromPi;
		}
		return this.properties.unavailableRetryAfter();
	}

	private static String describe(Throwable failure) {
		if (failure instanceof PiApiUnavailableException unavailable) {
			return unavailable.reason().name();
		}
		return failure.getClass().getSimpleName();
	}

	/**
	 * An answer lives for the cache TTL (the negative TTL for a rejection) counted from
	 * when Pi gave it, and a verified identity never past the token's
	 * {@code valid_until}. Caffeine may store a completed lookup a little after the
	 * answer reached the caller; counting from the answer keeps lifetimes exact.
	 */
	private final class CheckExpiry implements Expiry<TokenHash, TokenCheck> {

		@Override
		public long expireAfterCreate(TokenHash key, TokenCheck value, long currentTime) {
			PiAuthProperties.Cache cache = IdentityService.this.properties.cache();
			Instant expiresAt = Instant.ofEpochMilli(value.answeredAtMillis())
				.plus((value instanceof TokenCheck.Verified) ? cache.ttl() : cache.negativeTtl());
			if (value instanceof TokenCheck.Verified verified && verified.identity().validUntil().isBefore(expiresAt)) {
				expiresAt = verified.identity().validUntil();
			}
			Duration left = Duration.between(IdentityService.this.clock.instant(), expiresAt);
			return left.isNegative() ? 0 : left.toNanos();
		}

		@Override
		public long expireAfterUpdate(TokenHash key, TokenCheck value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(TokenHash key, TokenCheck value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/**
	 * Counters for {@code /me} calls and cache use, registered once so the hot path only
	 * increments.
	 */
	private static final class IdentityMetrics {

		private final Map<String, Counter> cacheLookups;

		private final Map<String, Counter> meCalls;

		private final Counter stale;

		private final Counter refreshes;

		IdentityMetrics(MeterRegistry registry) {
			this.cacheLookups = counters(registry, "pi.edge.identity.cache", "result",
					"Identity cache lookups by result: hit, miss, coalesced (waited on an in-flight call)", "hit",
					"miss", "coalesced");
			this.meCalls = counters(registry, "pi.edge.identity.me.calls", "outcome",
					"Calls to Pi's GET /v2/me by outcome", "verified", "rejected", "unavailable");
			this.stale = Counter.builder("pi.edge.identity.stale.served")
				.description("Identities served past their cache lifetime because Pi was unreachable")
				.register(registry);
			this.refreshes = Counter.builder("pi.edge.identity.refresh.started")
				.description("Background /v2/me calls started for identities past 80% of their TTL")
				.register(registry);
		}

		private static Map<String, Counter> counters(MeterRegistry registry, String name, String tag,
				String description, String... values) {
			return Stream.of(values)
				.collect(Collectors.toUnmodifiableMap(Function.identity(),
						value -> Counter.builder(name).description(description).tag(tag, value).register(registry)));
		}

		void cacheLookup(String result) {
			this.cacheLookups.get(result).increment();
		}

		void meCall(String outcome) {
			this.meCalls.get(outcome).increment();
		}

		void staleServed() {
			this.stale.increment();
		}

		void refreshStarted() {
			this.refreshes.increment();
		}

	}

}
