package dev.piedge.sandbox.horizon;

/**
 * A transaction the sandbox refuses because it cannot pay the Pi payment its memo names.
 * Answered as Horizon's {@code transaction_failed} with the sandbox's own {@code reason}.
 */
public final class TransactionRefusedException extends RuntimeException {

	private final String reason;

	private TransactionRefusedException(String reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public static TransactionRefusedException unknownPayment() {
		return new TransactionRefusedException("memo_not_an_open_payment",
				"The memo is not the identifier of an open app-to-user payment.");
	}

	public static TransactionRefusedException notASinglePayment() {
		return new TransactionRefusedException("not_a_single_payment",
				"An app-to-user payment is one payment operation.");
	}

	public static TransactionRefusedException sourceMismatch() {
		return new TransactionRefusedException("source_mismatch",
				"The source account is not the payment's from_address (the app wallet).");
	}

	public static TransactionRefusedException assetNotNative() {
		return new TransactionRefusedException("asset_not_native", "Pi payments pay the native asset.");
	}

	public static TransactionRefusedException destinationMismatch() {
		return new TransactionRefusedException("destination_mismatch",
				"The destination is not the payment's to_address.");
	}

	public static TransactionRefusedException amountMismatch() {
		return new TransactionRefusedException("amount_mismatch", "The amount is not the payment's amount.");
	}

	/** The stable code, e.g. {@code destination_mismatch}. */
	public String reason() {
		return reason;
	}

}
