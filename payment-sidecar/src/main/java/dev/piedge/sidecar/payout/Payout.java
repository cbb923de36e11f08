package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.piedge.sidecar.ledger.PaymentStatus;

/**
 * One payout as the worker and the API see it: the request (the {@code payout} row) and,
 * once Pi has created the payment, the ledger's status of it.
 *
 * @param id our id, given to the caller
 * @param owner the API key id or platform token subject that asked for it
 * @param reference the caller's own reference, unique per owner, or null
 * @param userUid the paid user's app-scoped uid
 * @param amount exact, at most 7 decimal places, without trailing zeros
 * @param memo shown to the user by Pi
 * @param metadataJson the caller's metadata, JSON text
 * @param piPaymentId Pi's identifier, stored the moment Pi answers the create
 * @param network the payment's network, as Pi wrote it
 * @param txid the signed transaction's hash, stored with its envelope before submitting
 * @param envelopeXdr the signed envelope: the only transaction this payout may submit
 * @param validUntil the end of the transaction's time bounds
 * @param outcome FAILED or CANCELLED when it ended before Pi knew it, else null
 * @param failureCode the Pi or Horizon code it failed with
 * @param cancelRequested whether the caller cancelled it (only honoured before signing)
 * @param ledgerStatus the ledger's status, null before Pi's create
 * @param createdAt when it was asked for
 */
record Payout(UUID id, String owner, String reference, String userUid, BigDecimal amount, String memo,
		String metadataJson, String piPaymentId, String network, String txid, String envelopeXdr, Instant validUntil,
		String outcome, String failureCode, boolean cancelRequested, PaymentStatus ledgerStatus, Instant createdAt) {

	/**
	 * The amount as the caller wrote it, not with the column's 7 places ({@code 1.5}, not
	 * {@code 1.5000000}), and never in exponent form ({@code 10}, not {@code 1E+1}): the
	 * API and the webhooks answer it as is.
	 */
	Payout {
		if (amount != null) {
			amount = amount.stripTrailingZeros();
			if (amount.scale() < 0) {
				amount = amount.setScale(0);
			}
		}
	}

	/** The status the API reports. */
	String status() {
		if (this.outcome != null) {
			return this.outcome.toLowerCase(Locale.ROOT);
		}
		// An accepted cancel always ends in CANCELLED: nothing is signed after it.
		if (this.cancelRequested && (this.ledgerStatus == null || this.ledgerStatus == PaymentStatus.CREATED)) {
			return "cancelled";
		}
		if (this.ledgerStatus == null) {
			return (this.piPaymentId != null) ? "created" : "queued";
		}
		if (this.ledgerStatus == PaymentStatus.CREATED && this.envelopeXdr != null) {
			return "submitted";
		}
		return this.ledgerStatus.name().toLowerCase(Locale.ROOT);
	}

	/** Whether nothing more will happen to it. */
	boolean isFinished() {
		return this.outcome != null || (this.ledgerStatus != null && this.ledgerStatus.isTerminal());
	}

	boolean isSigned() {
		return this.envelopeXdr != null;
	}

}
