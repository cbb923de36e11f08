package dev.piedge.proxy.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.piedge.proxy.FakePiClient;
import dev.piedge.test.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IdentityService} against a Pi that answers when the test says so, on a clock
 * that moves when the test says so: the cache, coalescing, refresh-ahead, stale-if-error
 * and negative caching, without a server or a wait.
 */
class IdentityServiceTests {

	private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	private static final Duration TTL = Duration.ofSeconds(30);

	private static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

	private static final Duration STALE_IF_ERROR = Duration.ofMinutes(5);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final FakePiClient pi = new FakePiClient();

	private final MutableClock clock = new MutableClock(START);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void reusesAVerifiedIdentityUntilTheCacheTtlEnds() {
		IdentityService identities = service(Duration.ZERO, false);
		verifiedAfterPiAnswers(identities, "ttl-token", Duration.ofHours(1));

		this.clock.advance(TTL.minusSeconds(1));
		verifiedFromCache(identities, "ttl-token");
		assertThat(this.pi.calls("ttl-token")).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(1));
		verifiedAfterPiAnswers(identities, "ttl-token", Duration.ofHours(1));
		assertThat(this.pi.calls("ttl-token")).isEqualTo(2);
		assertThat(cacheLookups("miss")).isEqualTo(2);
		assertThat(cacheLookups("hit")).isEqualTo(1);
	}

	@Test
	void neverReusesAnIdentityPastTheTokensValidUntil() {
		IdentityService identities = service(Duration.ZERO, false);
		verifiedAfterPiAnswers(identities, "short-token", Duration.ofSeconds(10));

		this.clock.advance(Duration.ofSeconds(10));
		StepVerifier.create(identities.verify("short-token"))
			.then(() -> this.pi.reject("short-token"))
			.expectError(InvalidTokenException.class)
			.verify(WAIT);
		assertThat(this.pi.calls("short-token")).isEqualTo(2);
	}

	@Test
	void sharesOneCallBetweenConcurrentLookupsOfOneToken() {
		IdentityService identities = service(Duration.ZERO, true);

		StepVerifier.create(Mono.zip(identities.verify("burst-token"), identities.verify("burst-token")))
			.then(() -> answer("burst-token", Duration.ofHours(1)))
			.assertNext(both -> {
				assertThat(both.getT1().uid()).isEqualTo("uid-burst-token");
				assertThat(both.getT2()).isEqualTo(both.getT1());
			})
			.expectComplete()
			.verify(WAIT);
		assertThat(this.pi.calls("burst-token")).isEqualTo(1);
		assertThat(cacheLookups("miss")).isEqualTo(1);
		assertThat(cacheLookups("coalesced")).isEqualTo(1);
	}

	@Test
	void keepsTheSharedCallGoingWhenOneOfItsCallersGoesAway() {
		IdentityService identities = service(Duration.ZERO, true);
		Mono<VerifiedIdentity> leaving = identities.verify("shared-token");
		Mono<VerifiedIdentity> staying = identities.verify("shared-token");

		StepVerifier.create(leaving).thenCancel().verify(WAIT);
		StepVerifier.create(staying)
			.then(() -> answer("shared-token", Duration.ofHours(1)))
			.expectNextMatches(identity -> identity.uid().equals("uid-shared-token"))
			.expectComplete()
			.verify(WAIT);
		assertThat(this.pi.calls("shared-token")).isEqualTo(1);
	}

	@Test
	void sharesAFailureWithEveryWaitingCallerButNeverCachesIt() {
		IdentityService identities = service(Duration.ZERO, true);

		StepVerifier
			.create(Mono.zip(identities.verify("outage-token").materialize(),
					identities.verify("outage-token").materialize()))
			.then(() -> this.pi.fail("outage-token"))
			.assertNext(both -> {
				assertThat(both.getT1().getThrowable()).isInstanceOf(IdentityProviderUnavailableException.class);
				assertThat(both.getT2().getThrowable()).isInstanceOf(IdentityProviderUnavailableException.class);
			})
			.expectComplete()
			.verify(WAIT);
		assertThat(this.pi.calls("outage-token")).isEqualTo(1);

		verifiedAfterPiAnswers(identities, "outage-token", Duration.ofHours(1));
		assertThat(this.pi.calls("outage-token")).isEqualTo(2);
	}

	@Test
	void remembersPisRejectionForTheNegativeTtl() {
		IdentityService identities = service(Duration.ZERO, true);
		StepVerifier.create(identities.verify("flood-token"))
			.then(() -> this.pi.reject("flood-token"))
			.expectError(InvalidTokenException.class)
			.verify(WAIT);

		this.clock.advance(NEGATIVE_TTL.minusMillis(1));
		StepVerifier.create(identities.verify("flood-token")).expectError(InvalidTokenException.class).verify(WAIT);
		assertThat(this.pi.calls("flood-token")).isEqualTo(1);

		this.clock.advance(Duration.ofMillis(1));
		StepVerifier.create(identities.verify("flood-token"))
			.then(() -> this.pi.reject("flood-token"))
			.expectError(InvalidTokenException.class)
			.verify(WAIT);
		assertThat(this.pi.calls("flood-token")).isEqualTo(2);
	}

	@Test
	void refreshesAheadPast80PercentOfTheTtlWhileAnsweringFromTheCache() {
		IdentityService identities = service(Duration.ZERO, true);
		verifiedAfterPiAnswers(identities, "hot-token", Duration.ofHours(1));

		this.clock.advance(Duration.ofSeconds(23));
		verifiedFromCache(identities, "hot-token");
		assertThat(this.pi.calls("hot-token")).as("not yet at 80%").isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(1));
		verifiedFromCache(identities, "hot-token");
		assertThat(this.pi.pending("hot-token")).as("one refresh in the background").isEqualTo(1);
		verifiedFromCache(identities, "hot-token");
		assertThat(this.pi.calls("hot-token")).as("one refresh per answer").isEqualTo(2);
		assertThat(refreshesStarted()).isEqualTo(1);

		answer("hot-token", Duration.ofHours(1));
		// Past the first answer's lifetime, inside the refreshed one.
		this.clock.advance(Duration.ofSeconds(10));
		verifiedFromCache(identities, "hot-token");
		assertThat(this.pi.calls("hot-token")).isEqualTo(2);
	}

	@Test
	void keepsTheCachedIdentityWhenARefreshFailsAndLetsItExpire() {
		IdentityService identities = service(Duration.ZERO, true);
		verifiedAfterPiAnswers(identities, "refresh-outage", Duration.ofHours(1));
		this.clock.advance(Duration.ofSeconds(25));
		verifiedFromCache(identities, "refresh-outage");

		this.pi.fail("refresh-outage");
		verifiedFromCache(identities, "refresh-outage");
		verifiedFromCache(identities, "refresh-outage");
		assertThat(this.pi.calls("refresh-outage")).as("no second refresh for the same answer").isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(5));
		StepVerifier.create(identities.verify("refresh-outage"))
			.then(() -> this.pi.fail("refresh-outage"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);
		assertThat(this.pi.calls("refresh-outage")).isEqualTo(3);
	}

	@Test
	void refusesTheNextRequestOnceARefreshFindsTheTokenRevoked() {
		IdentityService identities = service(Duration.ZERO, true);
		verifiedAfterPiAnswers(identities, "revoked-token", Duration.ofHours(1));
		this.clock.advance(Duration.ofSeconds(25));
		verifiedFromCache(identities, "revoked-token");

		this.pi.reject("revoked-token");
		StepVerifier.create(identities.verify("revoked-token")).expectError(InvalidTokenException.class).verify(WAIT);
		assertThat(this.pi.calls("revoked-token")).isEqualTo(2);
	}

	@Test
	void doesNotRefreshAnIdentityThatValidUntilEndsFirst() {
		IdentityService identities = service(Duration.ZERO, true);
		verifiedAfterPiAnswers(identities, "ending-token", Duration.ofSeconds(28));

		this.clock.advance(Duration.ofSeconds(25));
		verifiedFromCache(identities, "ending-token");
		// A refresh is started inside verify, before it answers: none was.
		assertThat(this.pi.calls("ending-token")).isEqualTo(1);
		assertThat(refreshesStarted()).isZero();
	}

	@Test
	void doesNotRefreshAheadWhenItIsOff() {
		IdentityService identities = service(Duration.ZERO, false);
		verifiedAfterPiAnswers(identities, "cold-token", Duration.ofHours(1));

		this.clock.advance(Duration.ofSeconds(29));
		verifiedFromCache(identities, "cold-token");
		assertThat(this.pi.calls("cold-token")).isEqualTo(1);
		assertThat(refreshesStarted()).isZero();
	}

	@Test
	void servesAnIdentityVerifiedEarlierWhilePiIsDown() {
		IdentityService identities = service(STALE_IF_ERROR, false);
		verifiedAfterPiAnswers(identities, "stale-ok", Duration.ofHours(1));

		this.clock.advance(TTL.plus(STALE_IF_ERROR).minusSeconds(1));
		StepVerifier.create(identities.verify("stale-ok"))
			.then(() -> this.pi.fail("stale-ok"))
			.expectNextMatches(identity -> identity.uid().equals("uid-stale-ok"))
			.expectComplete()
			.verify(WAIT);
		assertThat(this.registry.get("pi.edge.identity.stale.served").counter().count()).isEqualTo(1);
		assertThat(this.pi.calls("stale-ok")).isEqualTo(2);
	}

	@Test
	void stopsServingStaleOnceTheWindowCloses() {
		IdentityService identities = service(STALE_IF_ERROR, false);
		verifiedAfterPiAnswers(identities, "stale-window", Duration.ofHours(2));

		this.clock.advance(TTL.plus(STALE_IF_ERROR));
		StepVerifier.create(identities.verify("stale-window"))
			.then(() -> this.pi.fail("stale-window"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);
	}

	@Test
	void neverServesAStaleIdentityPastValidUntil() {
		IdentityService identities = service(STALE_IF_ERROR, false);
		verifiedAfterPiAnswers(identities, "stale-expiring", Duration.ofSeconds(40));

		this.clock.advance(Duration.ofSeconds(40));
		StepVerifier.create(identities.verify("stale-expiring"))
			.then(() -> this.pi.fail("stale-expiring"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);
	}

	@Test
	void neverServesAStaleIdentityForATokenPiCalledInvalid() {
		IdentityService identities = service(STALE_IF_ERROR, false);
		verifiedAfterPiAnswers(identities, "stale-revoked", Duration.ofHours(1));
		this.clock.advance(TTL);
		StepVerifier.create(identities.verify("stale-revoked"))
			.then(() -> this.pi.reject("stale-revoked"))
			.expectError(InvalidTokenException.class)
			.verify(WAIT);

		this.clock.advance(NEGATIVE_TTL);
		StepVerifier.create(identities.verify("stale-revoked"))
			.then(() -> this.pi.fail("stale-revoked"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);
	}

	@Test
	void doesNotServeAStaleIdentityWhenStaleIfErrorIsOff() {
		IdentityService identities = service(Duration.ZERO, false);
		verifiedAfterPiAnswers(identities, "gone-token", Duration.ofHours(1));

		this.clock.advance(TTL);
		StepVerifier.create(identities.verify("gone-token"))
			.then(() -> this.pi.fail("gone-token"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);
		assertThat(this.registry.get("pi.edge.identity.stale.served").counter().count()).isZero();
	}

	/** A first lookup: it waits for Pi, which then verifies the token. */
	private void verifiedAfterPiAnswers(IdentityService identities, String token, Duration validFor) {
		int before = this.pi.calls(token);
		StepVerifier.create(identities.verify(token))
			.then(() -> answer(token, validFor))
			.expectNextMatches(identity -> identity.uid().equals("uid-" + token))
			.expectComplete()
			.verify(WAIT);
		assertThat(this.pi.calls(token)).isEqualTo(before + 1);
	}

	/**
	 * A lookup answered from the cache: it must not wait for Pi, whatever Pi is doing.
	 */
	private void verifiedFromCache(IdentityService identities, String token) {
		StepVerifier.create(identities.verify(token))
			.expectNextMatches(identity -> identity.uid().equals("uid-" + token))
			.expectComplete()
			.verify(WAIT);
	}

	private void answer(String token, Duration validFor) {
		this.pi.answer(token, "uid-" + token, "user", List.of("username"), this.clock.instant().plus(validFor));
	}

	private double cacheLookups(String result) {
		return this.registry.get("pi.edge.identity.cache").tag("result", result).counter().count();
	}

	private double refreshesStarted() {
		return this.registry.get("pi.edge.identity.refresh.started").counter().count();
	}

	private IdentityService service(Duration staleIfError, boolean refreshAhead) {
		PiAuthProperties properties = new PiAuthProperties(Duration.ofSeconds(10), staleIfError, 4096,
				Duration.ofSeconds(1), DataSize.ofKilobytes(16),
				new PiAuthProperties.Cache(TTL, NEGATIVE_TTL, 1000, refreshAhead),
				new PiAuthProperties.Assertion(false, Duration.ofSeconds(60), null, null, "pi-edge"));
		return new IdentityService(this.pi.client(), properties, this.clock, this.registry);
	}

}
