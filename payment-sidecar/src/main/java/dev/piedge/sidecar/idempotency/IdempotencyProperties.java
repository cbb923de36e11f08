package dev.piedge.sidecar.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the backend API keeps {@code Idempotency-Key}s ({@code pi.api-idempotency.*}). Bad
 * values stop start-up with a message that names the key to fix.
 *
 * @param retention how long an answer stays replayable, counted from the answer; at least
 * 24 hours (what callers are promised)
 * @param lease how long a request holds its key while it runs. A request still running
 * when the lease ends may be run a second time by a retry, so it must outlast the slowest
 * API request; an instance that crashes mid-request blocks its keys this long, not
 * forever.
 * @param pruneInterval how often answers past their retention are deleted
 */
@ConfigurationProperties("pi.api-idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue("1m") Duration lease,
		@DefaultValue("1h") Duration pruneInterval) {

	static final String PREFIX = "pi.api-idempotency.";

	static final Duration MIN_RETENTION = Duration.ofHours(24);

	IdempotencyProperties {
		if (retention == null || retention.compareTo(MIN_RETENTION) < 0) {
			throw new IllegalArgumentException(
					PREFIX + "retention must be at least 24h (callers may retry for a day), " + "but was " + retention);
		}
		if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(PREFIX + "lease must be at least 1s, such as 1m, but was " + lease);
		}
		if (pruneInterval == null || pruneInterval.isNegative() || pruneInterval.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + "prune-interval must be a positive duration such as 1h, but was " + pruneInterval);
		}
	}

}
