package dev.piedge.sidecar.fulfillment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryBackoffTests {

	private static final Duration MIN = Duration.ofSeconds(1);

	private static final Duration MAX = Duration.ofHours(1);

	@Test
	void doublesFromTheMinimumWithEachFailure() {
		DeliveryBackoff backoff = new DeliveryBackoff(MIN, MAX, () -> 0.5);

		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.after(11)).isEqualTo(Duration.ofSeconds(1024));
	}

	@Test
	void neverWaitsLongerThanTheMaximum() {
		DeliveryBackoff backoff = new DeliveryBackoff(MIN, MAX, () -> 0.999);

		assertThat(backoff.after(13)).isEqualTo(MAX);
		assertThat(backoff.after(1000)).isEqualTo(MAX);
		assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(MAX);
	}

	@Test
	void spreadsDelaysByTwentyPercentEitherWay() {
		assertThat(new DeliveryBackoff(MIN, MAX, () -> 0.0).after(3)).isEqualTo(Duration.ofMillis(3200));
		assertThat(new DeliveryBackoff(MIN, MAX, () -> 0.99999).after(3)).isEqualTo(Duration.ofMillis(4800));
		assertThat(new DeliveryBackoff(MIN, MAX, () -> 0.0).after(100)).isEqualTo(Duration.ofMinutes(48));
	}

}
