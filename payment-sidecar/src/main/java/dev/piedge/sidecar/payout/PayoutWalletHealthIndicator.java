package dev.piedge.sidecar.payout;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code payoutWallet} health component, present while payouts are on: UP once the
 * app wallet matches Pi's (or Pi has nothing to compare with yet), UNKNOWN while Pi has
 * not answered, DOWN on a mismatch. It is not in the readiness group: a sidecar whose
 * payouts are off still serves U2A callbacks.
 */
@Component
@ConditionalOnProperty(name = "pi.payouts.enabled", havingValue = "true")
class PayoutWalletHealthIndicator implements HealthIndicator {

	private final PayoutWalletCheck check;

	PayoutWalletHealthIndicator(PayoutWalletCheck check) {
		this.check = check;
	}

	@Override
	public Health health() {
		PayoutWalletCheck.Result result = this.check.result();
		Status status = switch (result.state()) {
			case MATCHED, NOTHING_TO_COMPARE -> Status.UP;
			case CHECKING -> Status.UNKNOWN;
			case MISMATCH -> Status.DOWN;
		};
		return Health.status(status)
			.withDetail("check", result.state().name().toLowerCase(Locale.ROOT))
			.withDetail("detail", result.detail())
			.build();
	}

}
