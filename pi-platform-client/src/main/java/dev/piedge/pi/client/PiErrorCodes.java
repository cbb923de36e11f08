package dev.piedge.pi.client;

import java.util.Set;

/**
 * The error codes Pi documents for its payment calls, exactly as Pi writes them in the
 * {@code error} member of a 4xx answer and as {@link PiApiErrorException#code()} returns
 * them. Compare a code with these constants, never with a literal. They are Pi's
 * contract, not pi-edge's: an application's own problem codes may use the same words for
 * its own answers.
 *
 * <p>
 * Pi documents no code for approve (a repeated approve is answered 200), so there is no
 * {@code already_approved}.
 */
public final class PiErrorCodes {

	// Create (POST /v2/payments).

	/** Create: the user has an unfinished payment; Pi attaches it as {@code payment}. */
	public static final String ONGOING_PAYMENT_FOUND = "ongoing_payment_found";

	/** Create: no Pi user with that uid. */
	public static final String USER_NOT_FOUND = "user_not_found";

	/** Create: the user did not grant a scope the payment needs. */
	public static final String MISSING_SCOPE = "missing_scope";

	/** Create: the recipient's address is invalid. */
	public static final String INVALID_ADDRESS = "invalid_address";

	/** Create: the user has no wallet. */
	public static final String MISSING_WALLET = "missing_wallet";

	/** Create: the amount differs from the one first requested. */
	public static final String ALTERED_AMOUNT = "altered_amount";

	/** Create: too many payments in progress. */
	public static final String TOO_MANY_PAYMENTS = "too_many_payments";

	/** Create: too many payments cancelled recently. */
	public static final String TOO_MANY_CANCELLED_PAYMENTS = "too_many_cancelled_payments";

	/** Create: the arguments failed Pi's validation. */
	public static final String INVALID_ARGUMENTS = "invalid_arguments";

	/** Create: the amount failed Pi's validation. */
	public static final String INVALID_AMOUNT = "invalid_amount";

	/** Create: the metadata failed Pi's validation. */
	public static final String INVALID_METADATA = "invalid_metadata";

	/** Create: Pi's validation failed for a reason it does not name. */
	public static final String UNKNOWN_ERROR = "unknown_error";

	// Complete (POST /v2/payments/{id}/complete).

	/** Complete: a parameter is missing. */
	public static final String MISSING_PARAM = "missing_param";

	/** Complete: no txid was sent. */
	public static final String MISSING_TXID = "missing_txid";

	/** Complete: the transaction is not verified yet. */
	public static final String NOT_VERIFIED = "not_verified";

	/** Complete: the transaction belongs to another payment. */
	public static final String TXID_MISMATCH = "txid_mismatch";

	/**
	 * Complete: Pi could not verify the transaction; Pi attaches a
	 * {@code verification_error}.
	 */
	public static final String VERIFICATION_FAILED = "verification_failed";

	// Cancel (POST /v2/payments/{id}/cancel).

	/** Cancel: the app may not cancel this payment; Pi attaches it as {@code payment}. */
	public static final String FORBIDDEN = "forbidden";

	/**
	 * Cancel: the payment has a blockchain transaction and can no longer be cancelled.
	 */
	public static final String PAYMENT_TX_PRESENT = "payment_tx_present";

	// More than one call.

	/**
	 * Complete and cancel: the payment is already completed (on cancel, Pi attaches it as
	 * {@code payment}).
	 */
	public static final String ALREADY_COMPLETED = "already_completed";

	/**
	 * Complete and cancel: the payment is already cancelled (on cancel, Pi attaches it as
	 * {@code payment}).
	 */
	public static final String CANCELLED_PAYMENT = "cancelled_payment";

	/**
	 * Any payment call: Pi has no such payment. Also what a bare 404 to a payment call
	 * reads as.
	 */
	public static final String PAYMENT_NOT_FOUND = "payment_not_found";

	/** Every code above. */
	static final Set<String> DOCUMENTED = Set.of(ONGOING_PAYMENT_FOUND, USER_NOT_FOUND, MISSING_SCOPE, INVALID_ADDRESS,
			MISSING_WALLET, ALTERED_AMOUNT, TOO_MANY_PAYMENTS, TOO_MANY_CANCELLED_PAYMENTS, INVALID_ARGUMENTS,
			INVALID_AMOUNT, INVALID_METADATA, UNKNOWN_ERROR, MISSING_PARAM, MISSING_TXID, NOT_VERIFIED, TXID_MISMATCH,
			VERIFICATION_FAILED, FORBIDDEN, PAYMENT_TX_PRESENT, ALREADY_COMPLETED, CANCELLED_PAYMENT,
			PAYMENT_NOT_FOUND);

	private PiErrorCodes() {
	}

}
