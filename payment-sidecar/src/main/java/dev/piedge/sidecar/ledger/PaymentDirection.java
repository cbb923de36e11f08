package dev.piedge.sidecar.ledger;

/**
 * Who pays whom, as Pi writes it in a payment's {@code direction}: each direction has its
 * own statuses and moves in {@link AllowedTransition}, and the ledger stores it in
 * {@code payment.direction}.
 */
public enum PaymentDirection {

	/** The user pays the app: the Pi SDK's approve/complete handshake. */
	USER_TO_APP("user_to_app"),

	/** The app pays the user: a payout, signed by the app's wallet. */
	APP_TO_USER("app_to_user");

	private final String column;

	PaymentDirection(String column) {
		this.column = column;
	}

	/** The value Pi and the {@code payment.direction} column use. */
	public String column() {
		return this.column;
	}

	/**
	 * The direction stored in the ledger.
	 * @throws IllegalArgumentException if the value is not one of the two
	 */
	public static PaymentDirection of(String column) {
		for (PaymentDirection direction : values()) {
			if (direction.column.equals(column)) {
				return direction;
			}
		}
		throw new IllegalArgumentException("Unknown payment direction " + column);
	}

}
