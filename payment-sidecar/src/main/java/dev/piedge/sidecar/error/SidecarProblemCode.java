package dev.piedge.sidecar.error;

import dev.piedge.problem.FrameworkProblemCode;
import dev.piedge.problem.ProblemCode;

/**
 * Every {@code code} payment-sidecar answers, its own refusals and those of the shared
 * handler ({@link FrameworkProblemCode}) alike. The README's list under "The handshake"
 * holds exactly these; {@code SidecarProblemCodeTests} holds the two together. Some read
 * like Pi's error codes ({@code already_completed}, {@code txid_mismatch}): they are the
 * sidecar's answers, and Pi's own codes are {@code dev.piedge.pi.client.PiErrorCodes}.
 */
public enum SidecarProblemCode implements ProblemCode {

	/** A callback body that is not a JSON object or lacks a field. */
	INVALID_REQUEST("invalid_request"),

	/** A callback body in a type other than JSON. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),

	/** A callback body over the codecs' in-memory limit. */
	BODY_TOO_LARGE("body_too_large"),

	/** A payment id that is missing or not one Pi issues. */
	INVALID_PAYMENT_ID("invalid_payment_id"),

	/** A txid that is missing or not 64 hex characters. */
	INVALID_TXID("invalid_txid"),

	/** The action needs a verified Pi user, and there is none. */
	IDENTITY_REQUIRED("identity_required"),

	/** An X-Pi-Identity that is not a valid assertion from the proxy. */
	INVALID_IDENTITY("invalid_identity"),

	/** The proxy's signing keys cannot be fetched. */
	IDENTITY_KEYS_UNAVAILABLE("identity_keys_unavailable"),

	/** The caller is not the payer in Pi's record. */
	NOT_PAYMENT_OWNER("not_payment_owner"),

	/** Pi has no such payment, or the ledger none the caller may see. */
	PAYMENT_NOT_FOUND("payment_not_found"),

	/** Order verification refused the payment. */
	ORDER_MISMATCH("order_mismatch"),

	/** A payment callback for an App-to-User payment (a payout). */
	APP_TO_USER_PAYMENT("app_to_user_payment"),

	/** Complete before the payment was approved. */
	PAYMENT_NOT_APPROVED("payment_not_approved"),

	/** Another txid is already recorded for the payment. */
	TXID_CONFLICT("txid_conflict"),

	/** Cancel of a payment that has a blockchain transaction. */
	PAYMENT_HAS_TRANSACTION("payment_has_transaction"),

	/** Cancel of a completed payment. */
	ALREADY_COMPLETED("already_completed"),

	/** The payment is cancelled. */
	PAYMENT_CANCELLED("payment_cancelled"),

	/** The payment was refused by order verification. */
	PAYMENT_REJECTED("payment_rejected"),

	/** Pi refused to complete the payment for good. */
	PAYMENT_FAILED("payment_failed"),

	/** Pi says the transaction belongs to another payment. */
	TXID_MISMATCH("txid_mismatch"),

	/** Pi could not verify the transaction. */
	VERIFICATION_FAILED("verification_failed"),

	/** Pi could not be asked; the payment is unchanged. */
	PI_API_UNAVAILABLE("pi_api_unavailable"),

	/** Pi refused the call; the payment is unchanged. */
	PI_API_ERROR("pi_api_error"),

	/** A backend API request without a bearer credential. */
	MISSING_API_KEY("missing_api_key"),

	/** A bearer credential that is no valid API key: unknown, revoked or malformed. */
	INVALID_API_KEY("invalid_api_key"),

	/** A platform token that does not verify or breaks a rule on its claims. */
	INVALID_PLATFORM_TOKEN("invalid_platform_token"),

	/** The platform's key set cannot be fetched, so no platform token can be checked. */
	PLATFORM_KEYS_UNAVAILABLE("platform_keys_unavailable"),

	/** The caller lacks the permission the endpoint requires. */
	INSUFFICIENT_PERMISSION("insufficient_permission"),

	/** An Idempotency-Key that is empty, too long, repeated or not printable ASCII. */
	INVALID_IDEMPOTENCY_KEY("invalid_idempotency_key"),

	/** A POST that must carry an Idempotency-Key came without one. */
	IDEMPOTENCY_KEY_REQUIRED("idempotency_key_required"),

	/** The Idempotency-Key was used before with another request. */
	IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),

	/** The first request with this Idempotency-Key has not finished yet. */
	IDEMPOTENCY_IN_PROGRESS("idempotency_in_progress"),

	/** The management endpoint has no API key with that id. */
	API_KEY_NOT_FOUND("api_key_not_found"),

	/** No route for the path. */
	NOT_FOUND("not_found"),

	/** The path exists, but not for this method. */
	METHOD_NOT_ALLOWED("method_not_allowed"),

	/** Any other 400 the framework raises. */
	BAD_REQUEST("bad_request"),

	/** A header block over the server's limit. */
	HEADERS_TOO_LARGE("headers_too_large"),

	/** A payout request whose fields are missing or wrong. */
	INVALID_PAYOUT("invalid_payout"),

	/** A payout above the per-payout or the daily limit. */
	PAYOUT_LIMIT_EXCEEDED("payout_limit_exceeded"),

	/** The caller already used this reference for another payout. */
	REFERENCE_ALREADY_USED("reference_already_used"),

	/** No payout of this caller has that id (or reference). */
	PAYOUT_NOT_FOUND("payout_not_found"),

	/** The payout is signed or has ended, so it can no longer be cancelled. */
	PAYOUT_NOT_CANCELLABLE("payout_not_cancellable"),

	/** This sidecar does not pay out ({@code pi.payouts.enabled} is false). */
	PAYOUTS_DISABLED("payouts_disabled"),

	/** A checkout link or API request whose fields are missing or wrong. */
	INVALID_CHECKOUT("invalid_checkout"),

	/** No checkout session has that id (or it belongs to another buyer). */
	CHECKOUT_SESSION_NOT_FOUND("checkout_session_not_found"),

	/** The checkout session expired before this payment was approved. */
	CHECKOUT_SESSION_EXPIRED("checkout_session_expired"),

	/** The checkout session is no longer open (completed or expired). */
	CHECKOUT_NOT_OPEN("checkout_not_open"),

	/** The Pi payment's amount is not the checkout session's total. */
	CHECKOUT_AMOUNT_MISMATCH("checkout_amount_mismatch"),

	/** The Pi payment's payer is not the checkout session's buyer. */
	CHECKOUT_BUYER_MISMATCH("checkout_buyer_mismatch"),

	/** A checkout payment that is not User-to-App. */
	CHECKOUT_WRONG_DIRECTION("checkout_wrong_direction"),

	/** A checkout payment on another network than the sidecar's. */
	CHECKOUT_WRONG_NETWORK("checkout_wrong_network"),

	/** Another payment is already attached to (or paid) the checkout session. */
	CHECKOUT_ALREADY_PAID("checkout_already_paid"),

	/** The txid to complete a checkout payment with is not the one on Pi's record. */
	CHECKOUT_TXID_MISMATCH("checkout_txid_mismatch"),

	/** Any other 4xx the framework raises. */
	CLIENT_ERROR("client_error"),

	/** A 502, 503 or 504 the framework raises. */
	UPSTREAM_UNAVAILABLE("upstream_unavailable"),

	/** An unexpected failure. */
	INTERNAL_ERROR("internal_error");

	private final String code;

	SidecarProblemCode(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return this.code;
	}

}
