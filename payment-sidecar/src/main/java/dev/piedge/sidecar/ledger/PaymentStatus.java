package dev.piedge.sidecar.ledger;

/**
 * Where a payment stands in the ledger. CREATED → APPROVED → COMPLETED is the happy path;
 * REJECTED, CANCELLED and FAILED are terminal.
 */
public enum PaymentStatus {

	/** Seen and read from Pi; not yet approved. */
	CREATED,

	/** Pi confirmed our approval; the user may now sign the transaction. */
	APPROVED,

	/** Pi confirmed our completion: the payment is done and the backend is told. */
	COMPLETED,

	/** Order verification refused it; Pi's approve was never called. */
	REJECTED,

	/** Cancelled by the user, the developer or Pi. */
	CANCELLED,

	/** Pi refused completion for good (txid mismatch, verification failed). */
	FAILED;

	public boolean isTerminal() {
		return this == COMPLETED || this == REJECTED || this == CANCELLED || this == FAILED;
	}

}
