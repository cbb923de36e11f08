package dev.piedge.pi.client;

import java.time.Duration;

/**
 * The settings of {@link PiRetryOperator}: how often and how patiently a Pi call is
 * tried. Implemented by the property records that hold them ({@code pi.api.retry.*}, the
 * sidecar's {@code pi.payments.pi-calls.*}), which validate their values when they are
 * built.
 */
public interface PiRetryPolicy {

	/**
	 * Returns how many attempts a call gets in total, the first included.
	 * @return at least 1; 1 means the call is never retried
	 */
	int maxAttempts();

	/**
	 * Returns the first backoff; each retry doubles it up to {@link #maxBackoff()}.
	 * @return not negative
	 */
	Duration minBackoff();

	/**
	 * Returns the longest backoff between two attempts.
	 * @return at least {@link #minBackoff()}
	 */
	Duration maxBackoff();

	/**
	 * Returns the random spread of each backoff, as a fraction of it, so callers that
	 * failed together do not retry together.
	 * @return between 0.0 (none) and 1.0
	 */
	double jitter();

	/**
	 * Returns the longest {@code Retry-After} that is waited out. A longer one ends the
	 * retries at once with Pi's {@link PiApiUnavailableException}, which carries the
	 * delay for the caller to pass on.
	 * @return not negative
	 */
	Duration maxRetryAfter();

}
