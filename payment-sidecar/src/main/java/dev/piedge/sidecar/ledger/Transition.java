package dev.piedge.sidecar.ledger;

import dev.piedge.sidecar.fulfillment.OutboxMessage;

/**
 * A status change asked of {@link PaymentLedger#move}: from the status the caller last
 * read to {@code to}, written with its history row (and, when given, its webhook event)
 * in one statement. It happens only if the payment is still in {@code from}, under
 * {@code claim} when given, and without contradicting a stored txid; any claim is
 * dropped.
 *
 * @param piPaymentId the payment
 * @param direction the payment's direction, whose moves apply
 * @param from the status the caller read
 * @param to the status it moves to
 * @param reason why, for the history (and the {@code failure_reason} of a payment that
 * ends unpaid)
 * @param txid the txid to store if none is; a different stored one refuses the move
 * @param claim the claim the caller holds, or {@code null} for a move that follows Pi's
 * record whoever holds a claim
 * @param webhook the event that tells the backend, or {@code null}
 */
public record Transition(String piPaymentId, PaymentDirection direction, PaymentStatus from, PaymentStatus to,
		String reason, String txid, Claim claim, OutboxMessage webhook) {

	/** Moves this row, as read, to {@code to}. */
	public static Transition of(LedgerPayment row, PaymentStatus to, String reason) {
		return new Transition(row.piPaymentId(), row.paymentDirection(), row.status(), to, reason, null, null, null);
	}

	/** Only for the holder of this claim. */
	public Transition underClaim(Claim claim) {
		return new Transition(this.piPaymentId, this.direction, this.from, this.to, this.reason, this.txid, claim,
				this.webhook);
	}

	public Transition withTxid(String txid) {
		return new Transition(this.piPaymentId, this.direction, this.from, this.to, this.reason, txid, this.claim,
				this.webhook);
	}

	/** Also enqueues this webhook event, in the same statement. */
	public Transition notifying(OutboxMessage webhook) {
		return new Transition(this.piPaymentId, this.direction, this.from, this.to, this.reason, this.txid, this.claim,
				webhook);
	}

}
