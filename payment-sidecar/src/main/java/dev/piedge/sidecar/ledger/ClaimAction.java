package dev.piedge.sidecar.ledger;

import java.util.Locale;

/**
 * The call to Pi a {@link Claim} is taken for, kept in {@code payment.pending_action} so
 * that the reconciler, and people reading the table, know what was under way.
 */
public enum ClaimAction {

	/** Pi's approve (after order verification). */
	APPROVE,

	/** Pi's complete, with the txid stored in the same statement as the claim. */
	COMPLETE,

	/** Pi's cancel. */
	CANCEL,

	/** A payout's signing, submission to Horizon and complete on Pi. */
	PAYOUT;

	/** The value in {@code payment.pending_action}. */
	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ClaimAction of(String column) {
		return valueOf(column.toUpperCase(Locale.ROOT));
	}

}
