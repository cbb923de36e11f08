package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payout limits and the worker's pace ({@code pi.payouts.*}). Bad values stop start-up
 * with a message naming the key.
 *
 * @param enabled whether this sidecar pays out at all (then the wallet seed is required,
 * and the worker runs); off, the payout API answers 503 {@code payouts_disabled}
 * @param maxAmount the most one payout may pay, in Pi
 * @param dailyLimit the most all payouts asked for on one UTC day may pay together
 * (cancelled and failed ones do not count)
 * @param lease how long one instance holds the A2U lease without renewing it; another
 * instance takes over a payout only after this, so it must outlast one step (a Pi call
 * with its retries, or a Horizon submit)
 * @param pollInterval how often the worker looks for open payouts (besides right after a
 * request), which is also how soon a crashed instance's payout is resumed after its lease
 * ends
 */
@ConfigurationProperties("pi.payouts")
record PayoutProperties(@DefaultValue("false") boolean enabled, @DefaultValue("100") BigDecimal maxAmount,
		@DefaultValue("1000") BigDecimal dailyLimit, @DefaultValue("90s") Duration lease,
		@DefaultValue("10s") Duration pollInterval) {

	static final String PREFIX = "pi.payouts.";

	PayoutProperties {
		if (maxAmount == null || maxAmount.signum() <= 0) {
			throw new IllegalArgumentException(
					PREFIX + "max-amount must be positive, such as 100, but was " + maxAmount);
		}
		if (dailyLimit == null || dailyLimit.compareTo(maxAmount) < 0) {
			throw new IllegalArgumentException(
					PREFIX + "daily-limit must be at least max-amount (" + maxAmount + "), but was " + dailyLimit);
		}
		if (lease == null || lease.compareTo(Duration.ofSeconds(10)) < 0) {
			throw new IllegalArgumentException(PREFIX + "lease must be at least 10s, such as 90s, but was " + lease);
		}
		if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + "poll-interval must be positive, such as 10s, but was " + pollInterval);
		}
	}

}
