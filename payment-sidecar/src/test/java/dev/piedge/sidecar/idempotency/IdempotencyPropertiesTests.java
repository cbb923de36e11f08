package dev.piedge.sidecar.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class IdempotencyPropertiesTests {

	private static final Duration DAY = Duration.ofHours(24);

	@Test
	void keepsAnswersAtLeastADay() {
		assertThatNoException()
			.isThrownBy(() -> new IdempotencyProperties(DAY, Duration.ofMinutes(1), Duration.ofHours(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new IdempotencyProperties(DAY.minusSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1)))
			.withMessageContaining("pi.api-idempotency.retention must be at least 24h");
	}

	@Test
	void refusesALeaseShorterThanASecondAndAnEmptyPruneInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdempotencyProperties(DAY, Duration.ofMillis(500), Duration.ofHours(1)))
			.withMessageContaining("pi.api-idempotency.lease");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdempotencyProperties(DAY, Duration.ofMinutes(1), Duration.ZERO))
			.withMessageContaining("pi.api-idempotency.prune-interval");
	}

}
