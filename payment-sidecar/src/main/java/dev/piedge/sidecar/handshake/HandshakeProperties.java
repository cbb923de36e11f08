package dev.piedge.sidecar.handshake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The app's payment settings ({@code pi.payments.*}). Bad values stop start-up with a
 * message that names the key to fix; {@link ClaimTimeoutValidator} also checks the claim
 * timeout against the Pi call settings.
 *
 * @param network the app's Pi network, {@code Pi Network} or {@code Pi Testnet}; payments
 * on another are refused
 * @param claimTimeout how long one instance may hold a payment while it calls Pi; must be
 * longer than a Pi call with all its retries (87s with the default {@code pi.api.*} and
 * {@code pi.payments.pi-calls.*}), so a claim only expires when its holder died
 * @param reconcile the reconciler that converges unsettled payments with Pi's record
 */
@ConfigurationProperties("pi.payments")
public record HandshakeProperties(String network, @DefaultValue("90s") Duration claimTimeout,
		@DefaultValue Reconcile reconcile) {

	static final String PREFIX = "pi.payments.";

	public HandshakeProperties {
		if (!"Pi Network".equals(network) && !"Pi Testnet".equals(network)) {
			// Compared with each payment's network as Pi writes it: any other value
			// would refuse every payment.
			throw new IllegalArgumentException(PREFIX + "network must be 'Pi Network' or 'Pi Testnet' (env "
					+ "PI_NETWORK), the network the app was created on, but was "
					+ ((network != null) ? "'" + network + "'" : "unset"));
		}
		requirePositive("claim-timeout", claimTimeout);
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + key + " must be a positive duration such as 30s, but was " + value);
		}
	}

	/**
	 * @param initialDelay first run after start-up
	 * @param interval pause between runs
	 * @param quietPeriod an open payment untouched this long is checked against Pi
	 * @param batchSize most payments per run
	 */
	public record Reconcile(@DefaultValue("3s") Duration initialDelay, @DefaultValue("30s") Duration interval,
			@DefaultValue("90s") Duration quietPeriod, @DefaultValue("50") int batchSize) {

		public Reconcile {
			if (initialDelay == null || initialDelay.isNegative()) {
				throw new IllegalArgumentException(PREFIX + "reconcile.initial-delay must be zero or a positive "
						+ "duration such as 3s, but was " + initialDelay);
			}
			requirePositive("reconcile.interval", interval);
			requirePositive("reconcile.quiet-period", quietPeriod);
			if (batchSize < 1) {
				throw new IllegalArgumentException(
						PREFIX + "reconcile.batch-size must be at least 1, but was " + batchSize);
			}
		}

	}

}
