package dev.piedge.sidecar.pi;

import java.time.Duration;

import dev.piedge.pi.client.PiRetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sidecar retries Pi's state-changing payment calls
 * ({@code pi.payments.pi-calls.*}), with the client's
 * {@link dev.piedge.pi.client.PiRetryOperator#confirmed confirmed} retry. Bad values stop
 * start-up with a message that names the key to fix.
 *
 * @param maxAttempts attempts per call, the first included
 * @param minBackoff first backoff; doubles up to {@code maxBackoff}, with jitter
 * @param maxBackoff longest backoff between attempts
 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the
 * callback gets a 503 and the payment stays retryable
 * @param jitter random spread of each backoff, 0.0 to 1.0
 */
@ConfigurationProperties("pi.payments.pi-calls")
public record PiCallProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("300ms") Duration minBackoff,
		@DefaultValue("3s") Duration maxBackoff, @DefaultValue("10s") Duration maxRetryAfter,
		@DefaultValue("0.5") double jitter) implements PiRetryPolicy {

	public PiCallProperties {
		if (maxAttempts < 1 || maxAttempts > 10) {
			throw new IllegalArgumentException("pi.payments.pi-calls.max-attempts must be 1 to 10, was " + maxAttempts);
		}
		if (minBackoff == null || minBackoff.isNegative() || minBackoff.isZero() || maxBackoff == null
				|| maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException("pi.payments.pi-calls.min-backoff must be positive and no longer than "
					+ "max-backoff, such as 300ms and 3s, but they were " + minBackoff + " and " + maxBackoff);
		}
		if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("pi.payments.pi-calls.max-retry-after must be zero or a positive "
					+ "duration such as 10s, but was " + maxRetryAfter);
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new IllegalArgumentException(
					"pi.payments.pi-calls.jitter must be between 0.0 and 1.0, such as 0.5, was " + jitter);
		}
	}

}
