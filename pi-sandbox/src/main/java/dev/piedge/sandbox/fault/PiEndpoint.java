package dev.piedge.sandbox.fault;

import java.util.Arrays;
import java.util.Optional;

/**
 * The emulated Pi Platform API endpoints, by the names that fault rules and call counts
 * use.
 */
public enum PiEndpoint {

	ME("me"), PAYMENTS_GET("payments.get"), PAYMENTS_APPROVE("payments.approve"),
	PAYMENTS_COMPLETE("payments.complete"), PAYMENTS_CANCEL("payments.cancel"),
	PAYMENTS_INCOMPLETE("payments.incomplete"), PAYMENTS_CREATE("payments.create");

	private final String key;

	PiEndpoint(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	static Optional<PiEndpoint> fromKey(String key) {
		return Arrays.stream(values()).filter(endpoint -> endpoint.key.equals(key)).findFirst();
	}

}
