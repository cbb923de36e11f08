package dev.piedge.sidecar.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The right of one caller, on one instance, to call Pi for a payment until {@code until}.
 * Taken with a conditional update, so at most one caller holds an unexpired claim; its
 * {@code token} is known only to that caller, and a {@link Transition} made under the
 * claim succeeds only for it. An expired claim may be taken over: its holder is presumed
 * dead.
 *
 * @param piPaymentId the payment
 * @param action what the holder is about to ask Pi
 * @param token the holder's secret
 * @param until when the claim expires
 */
public record Claim(String piPaymentId, ClaimAction action, UUID token, Instant until) {

	/** A new claim with a fresh token, to be taken with {@link PaymentLedger#claim}. */
	public static Claim of(String piPaymentId, ClaimAction action, Instant now, Duration lease) {
		return new Claim(piPaymentId, action, UUID.randomUUID(), now.plus(lease));
	}

	/** Whether this claim is the one the row holds. */
	public boolean heldBy(LedgerPayment row) {
		return row.claim() != null && this.token.equals(row.claim().token());
	}

}
