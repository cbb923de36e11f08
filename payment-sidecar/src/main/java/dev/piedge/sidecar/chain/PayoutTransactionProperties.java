package dev.piedge.sidecar.chain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payout transactions are built ({@code pi.payouts.transaction.*}). Bad values stop
 * start-up with a message that names the key to fix.
 *
 * @param validity how long a signed transaction can land: its time bounds end this long
 * after signing. A payout whose submit had an unknown outcome can only be signed again
 * (with a new sequence number) once this has passed, so shorter recovers sooner; too
 * short and a slow network refuses it with {@code tx_too_late}. 10s to 1h
 * @param maxBaseFee the highest base fee, in stroops, a payout is signed with; a higher
 * {@code last_ledger_base_fee} from Horizon is refused (a broken or hostile Horizon
 * cannot drain the wallet through fees). At least 100, the network minimum
 */
@ConfigurationProperties("pi.payouts.transaction")
record PayoutTransactionProperties(@DefaultValue("2m") Duration validity, @DefaultValue("1000000") long maxBaseFee) {

	static final String PREFIX = "pi.payouts.transaction.";

	/** Stellar's smallest base fee per operation, in stroops. */
	static final long MIN_BASE_FEE = 100;

	private static final Duration MIN_VALIDITY = Duration.ofSeconds(10);

	private static final Duration MAX_VALIDITY = Duration.ofHours(1);

	PayoutTransactionProperties {
		if (validity == null || validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
			throw new IllegalArgumentException(
					PREFIX + "validity must be between 10s and 1h, such as 2m, but was " + validity);
		}
		if (maxBaseFee < MIN_BASE_FEE) {
			throw new IllegalArgumentException(PREFIX + "max-base-fee must be at least " + MIN_BASE_FEE
					+ " stroops, such as 1000000 (0.1 Pi), but was " + maxBaseFee);
		}
	}

}
