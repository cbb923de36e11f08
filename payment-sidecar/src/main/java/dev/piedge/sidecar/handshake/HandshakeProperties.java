package dev.piedge.sidecar.handshake;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The app's payment settings ({@code pi.payments.*}).
 *
 * @param network the app's Pi network, {@code Pi Network} or {@code Pi Testnet}; payments
 * on another are refused
 * @param claimTimeout how long one instance may hold a payment while it calls Pi; longer
 * than a Pi call with all its retries, so a claim only expires when its holder died
 * @param reconcile the reconciler that converges unsettled payments with Pi's record
 */
@Validated
@ConfigurationProperties("pi.payments")
public record HandshakeProperties(@NotBlank String network, @DefaultValue("30s") Duration claimTimeout,
		@DefaultValue Reconcile reconcile) {

	/**
	 * @param initialDelay first run after start-up
	 * @param interval pause between runs
	 * @param quietPeriod an open payment untouched this long is checked against Pi
	 * @param batchSize most payments per run
	 */
	public record Reconcile(@DefaultValue("3s") Duration initialDelay, @DefaultValue("30s") Duration interval,
			@DefaultValue("90s") Duration quietPeriod, @DefaultValue("50") int batchSize) {
	}

}
