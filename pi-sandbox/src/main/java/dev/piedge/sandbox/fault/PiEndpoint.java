package dev.piedge.sandbox.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * The emulated endpoints of Pi's services, the Platform API and Pi's Horizon, by the
 * names that fault rules and call counts use.
 */
public enum PiEndpoint {

	ME("me"), PAYMENTS_GET("payments.get"), PAYMENTS_APPROVE("payments.approve"),
	PAYMENTS_COMPLETE("payments.complete"), PAYMENTS_CANCEL("payments.cancel"),
	PAYMENTS_INCOMPLETE("payments.incomplete"), PAYMENTS_CREATE("payments.create"),
	HORIZON_ACCOUNTS("horizon.accounts"), HORIZON_FEE_STATS("horizon.fee_stats"), HORIZON_SUBMIT("horizon.submit"),
	HORIZON_TRANSACTIONS("horizon.transactions");

	private static final String HORIZON_KEY_PREFIX = "horizon.";

	private final String key;

	PiEndpoint(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	/** Horizon endpoints answer injected faults in Horizon's problem shape. */
	boolean isHorizon() {
		return key.startsWith(HORIZON_KEY_PREFIX);
	}

	static Optional<PiEndpoint> fromKey(String key) {
		return Arrays.stream(values()).filter(endpoint -> endpoint.key.equals(key)).findFirst();
	}

}
