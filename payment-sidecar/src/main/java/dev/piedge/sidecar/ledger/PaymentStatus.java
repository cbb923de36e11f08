package dev.piedge.sidecar.ledger;

/**
 * Where a payment stands in the ledger. CREATED → APPROVED → COMPLETED is the happy path
 * of a User-to-App payment, CREATED → SUBMITTED → COMPLETED that of a payout; REJECTED,
 * CANCELLED and FAILED are terminal. Which status may follow which, per direction, is
 * {@link AllowedTransition}.
 */
public enum PaymentStatus {

	/** Seen and read from Pi; not yet approved. */
	CREATED,

	/** Pi confirmed our approval; the user may now sign the transaction. */
	APPROVED,

	/**
	 * A payout's transaction is signed and stored (txid and envelope); it may have been
	 * submitted.
	 */
	SUBMITTED,

	/** Pi confirmed our completion: the payment is done and the backend is told. */
	COMPLETED,

	/** Order verification refused it; Pi's approve was never called. */
	REJECTED,

	/** Cancelled by the user, the developer or Pi. */
	CANCELLED,

	/** Pi refused completion for good (txid mismatch, verification failed). */
	FAILED;

	public boolean isTerminal() {
		return this == COMPLETED || endsUnpaid();
	}

	/**
	 * Whether the payment ends here without being paid; the move's reason is then kept as
	 * its {@code failure_reason}.
	 */
	public boolean endsUnpaid() {
		return this == REJECTED || this == CANCELLED || this == FAILED;
	}

}
