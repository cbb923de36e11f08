package dev.piedge.sidecar.order;

/**
 * Whether a payment may be approved, and why not.
 */
public record OrderVerdict(boolean accepted, String reason) {

	public static OrderVerdict accept() {
		return new OrderVerdict(true, null);
	}

	public static OrderVerdict refuse(String reason) {
		return new OrderVerdict(false, reason);
	}

}
