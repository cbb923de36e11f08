package dev.piedge.sandbox.error;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A failure answered in the Pi Platform error shape
 * {@code {"error":"<code>","error_message":"<text>", ...extras}}. Each static factory
 * stands for exactly one error code; {@link PiErrorWebExceptionHandler} renders them.
 */
public final class PiApiException extends RuntimeException {

	/**
	 * The message Pi documents for missing or wrong authorization (pi-platform-docs#70).
	 */
	public static final String AUTH_REQUIRED_MESSAGE = "This endpoint requires either a Server API Key or Access Token authorization.";

	private final HttpStatusCode status;

	private final String code;

	private final Map<String, Object> extras;

	private PiApiException(HttpStatusCode status, String code, String message, Map<String, Object> extras) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.extras = Map.copyOf(extras);
	}

	private static PiApiException of(HttpStatus status, String code, String message) {
		return new PiApiException(status, code, message, Map.of());
	}

	private static PiApiException withPayment(HttpStatus status, String code, String message, Object payment) {
		return new PiApiException(status, code, message, Map.of("payment", payment));
	}

	public static PiApiException unauthorized() {
		return of(HttpStatus.UNAUTHORIZED, "unauthorized", AUTH_REQUIRED_MESSAGE);
	}

	public static PiApiException invalidToken() {
		return of(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is unknown or malformed.");
	}

	public static PiApiException expiredToken() {
		return of(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token has expired.");
	}

	public static PiApiException missingScope(String scope) {
		return of(HttpStatus.UNAUTHORIZED, "missing_scope", "The user has not granted the '" + scope + "' scope.");
	}

	public static PiApiException paymentNotFound(String identifier) {
		return of(HttpStatus.NOT_FOUND, "payment_not_found", "Payment '" + identifier + "' was not found.");
	}

	public static PiApiException userNotFound(String uid) {
		return of(HttpStatus.NOT_FOUND, "user_not_found", "User '" + uid + "' was not found.");
	}

	public static PiApiException transactionNotFound(String txid) {
		return of(HttpStatus.NOT_FOUND, "not_found", "Transaction '" + txid + "' was not found.");
	}

	public static PiApiException endpointNotFound(String method, String path) {
		return of(HttpStatus.NOT_FOUND, "not_found", "No endpoint " + method + " " + path + ".");
	}

	public static PiApiException invalidArguments(String message) {
		return of(HttpStatus.BAD_REQUEST, "invalid_arguments", message);
	}

	public static PiApiException invalidAmount(String message) {
		return of(HttpStatus.BAD_REQUEST, "invalid_amount", message);
	}

	public static PiApiException invalidMetadata() {
		return of(HttpStatus.BAD_REQUEST, "invalid_metadata", "'metadata' must be a JSON object.");
	}

	/** The host page's {@code url} is not an absolute http(s) URL without credentials. */
	public static PiApiException invalidUrl(String message) {
		return of(HttpStatus.BAD_REQUEST, "invalid_url", message);
	}

	public static PiApiException invalidJson() {
		return of(HttpStatus.BAD_REQUEST, "invalid_arguments", "The request body is not valid JSON.");
	}

	public static PiApiException payloadTooLarge() {
		return of(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
				"The request body is larger than the sandbox accepts.");
	}

	public static PiApiException missingTxid() {
		return of(HttpStatus.BAD_REQUEST, "missing_txid", "Completing a payment needs a body {\"txid\":\"...\"}.");
	}

	public static PiApiException notApprovedForCompletion() {
		return of(HttpStatus.BAD_REQUEST, "not_verified",
				"The payment has not been approved by the developer, so no transaction can be verified.");
	}

	public static PiApiException notApprovedForTransaction() {
		return of(HttpStatus.BAD_REQUEST, "not_approved",
				"The payment must be approved by the developer before the user can submit its transaction.");
	}

	public static PiApiException txidMismatch() {
		return of(HttpStatus.BAD_REQUEST, "txid_mismatch", "The txid does not match the payment's transaction.");
	}

	public static PiApiException memoMismatch() {
		return verificationFailed("tx_memo_payment_identifier_mismatch");
	}

	/** The transaction does not pay the payment's {@code to_address}. */
	public static PiApiException destinationMismatch() {
		return verificationFailed("tx_destination_mismatch");
	}

	/** The transaction does not pay the payment's amount. */
	public static PiApiException amountMismatch() {
		return verificationFailed("tx_amount_mismatch");
	}

	/**
	 * The txid is another transaction for this payment, which already has one: a second
	 * payment on chain for the same identifier.
	 */
	public static PiApiException linkedWithAnotherTx() {
		return verificationFailed("payment_already_linked_with_a_tx");
	}

	private static PiApiException verificationFailed(String verificationError) {
		return new PiApiException(HttpStatus.BAD_REQUEST, "verification_failed",
				"The transaction could not be verified.", Map.of("verification_error", verificationError));
	}

	public static PiApiException alreadyCompleted(Object payment) {
		return withPayment(HttpStatus.BAD_REQUEST, "already_completed", "The payment is already completed.", payment);
	}

	public static PiApiException cancelledPayment(Object payment) {
		return withPayment(HttpStatus.BAD_REQUEST, "cancelled_payment", "The payment is cancelled.", payment);
	}

	public static PiApiException paymentTxPresent() {
		return of(HttpStatus.BAD_REQUEST, "payment_tx_present",
				"The payment already has a blockchain transaction and cannot be cancelled.");
	}

	public static PiApiException alreadyLinkedWithTx(Object payment) {
		return withPayment(HttpStatus.BAD_REQUEST, "payment_already_linked_with_a_tx",
				"The payment already has a blockchain transaction.", payment);
	}

	public static PiApiException ongoingPayment(Object payment) {
		return withPayment(HttpStatus.BAD_REQUEST, "ongoing_payment_found",
				"An earlier payment is still in progress; complete or cancel it first.", payment);
	}

	public static PiApiException approveNotAllowed() {
		return of(HttpStatus.FORBIDDEN, "forbidden",
				"App-to-user payments are approved implicitly; only user-to-app payments can be approved.");
	}

	public static PiApiException userCancelNotAllowed() {
		return of(HttpStatus.FORBIDDEN, "forbidden", "Only user-to-app payments can be cancelled by the user.");
	}

	public static PiApiException tooManyRequests() {
		return of(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", "Rate limit exceeded (injected by pi-sandbox).");
	}

	/** A 4xx other than 429 answered by a fault rule. */
	public static PiApiException injectedFault(int status) {
		return new PiApiException(HttpStatusCode.valueOf(status), "injected_fault",
				"Status " + status + " injected by pi-sandbox.", Map.of());
	}

	/**
	 * A client error Spring raised before any handler ran, e.g. 405 or 415 on the
	 * actuator.
	 */
	public static PiApiException clientError(HttpStatus status) {
		return of(status, status.name().toLowerCase(java.util.Locale.ROOT), status.getReasonPhrase() + ".");
	}

	public static PiApiException internalError() {
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "The sandbox failed unexpectedly; see its log.");
	}

	public HttpStatusCode status() {
		return status;
	}

	public String code() {
		return code;
	}

	/** The response body: code and message first, then extras such as {@code payment}. */
	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_message", getMessage());
		body.putAll(extras);
		return body;
	}

}
