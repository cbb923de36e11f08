package dev.piedge.sidecar.fulfillment;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt: {@code min-backoff} after the first failure, doubling
 * with each further failure up to {@code max-backoff}, spread by ±20% so that events that
 * failed together do not retry together.
 */
final class DeliveryBackoff {

	private static final double JITTER = 0.2;

	private final long minMillis;

	private final long maxMillis;

	private final DoubleSupplier random;

	/**
	 * @param random yields values in [0, 1); tests pass a fixed one
	 */
	DeliveryBackoff(Duration min, Duration max, DoubleSupplier random) {
		this.minMillis = min.toMillis();
		this.maxMillis = max.toMillis();
		this.random = random;
	}

	/** The delay after the given number of failed attempts (1 for the first failure). */
	Duration after(int failedAttempts) {
		int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
		double base = Math.min(this.minMillis * Math.pow(2, doublings), this.maxMillis);
		double jittered = base * (1 - JITTER + 2 * JITTER * this.random.getAsDouble());
		return Duration.ofMillis(Math.round(Math.min(jittered, this.maxMillis)));
	}

}
