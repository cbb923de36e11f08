package dev.piedge.proxy.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final RedisRateLimiter.Config config = new RedisRateLimiter.Config().setReplenishRate(2)
		.setBurstCapacity(4)
		.setRequestedTokens(1);

	@Test
	void startsFullAndRefusesWithoutTakingOnceEmpty() {
		TokenBucket bucket = null;
		for (int i = 0; i < 4; i++) {
			bucket = TokenBucket.take(bucket, NOW, this.config);
			assertThat(bucket.granted()).isTrue();
		}
		assertThat(bucket.remaining()).isZero();

		TokenBucket refused = TokenBucket.take(bucket, NOW, this.config);

		assertThat(refused.granted()).isFalse();
		assertThat(refused.remaining()).isZero();
		assertThat(refused.retryAfterSeconds(this.config)).isEqualTo(1);
	}

	@Test
	void refillsAtTheReplenishRateUpToTheBurstCapacity() {
		TokenBucket empty = drained();

		TokenBucket halfSecondLater = TokenBucket.take(empty, NOW.plusMillis(500), this.config);
		assertThat(halfSecondLater.granted()).isTrue();
		assertThat(halfSecondLater.remaining()).isZero();

		TokenBucket anHourLater = TokenBucket.take(halfSecondLater, NOW.plus(Duration.ofHours(1)), this.config);
		assertThat(anHourLater.granted()).isTrue();
		assertThat(anHourLater.remaining()).isEqualTo(3);
	}

	@Test
	void aRequestCostsItsRequestedTokensAndWaitsForAllOfThem() {
		RedisRateLimiter.Config costly = new RedisRateLimiter.Config().setReplenishRate(1)
			.setBurstCapacity(60)
			.setRequestedTokens(20);
		TokenBucket bucket = null;
		for (int i = 0; i < 3; i++) {
			bucket = TokenBucket.take(bucket, NOW, costly);
		}

		TokenBucket refused = TokenBucket.take(bucket, NOW.plusSeconds(5), costly);

		assertThat(refused.granted()).isFalse();
		assertThat(refused.remaining()).isEqualTo(5);
		assertThat(refused.retryAfterSeconds(costly)).isEqualTo(15);
	}

	@Test
	void aBucketIsFullAgainAfterItsMissingTokensAtTheReplenishRate() {
		assertThat(drained().untilFull(this.config)).isEqualTo(Duration.ofSeconds(2));
		assertThat(TokenBucket.take(null, NOW, this.config).untilFull(this.config)).isEqualTo(Duration.ofMillis(500));
	}

	private TokenBucket drained() {
		TokenBucket bucket = null;
		for (int i = 0; i < 4; i++) {
			bucket = TokenBucket.take(bucket, NOW, this.config);
		}
		return bucket;
	}

}
