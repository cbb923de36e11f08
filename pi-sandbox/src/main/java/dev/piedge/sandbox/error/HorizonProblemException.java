package dev.piedge.sandbox.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * A failure answered the way Horizon answers: {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for some problems,
 * {@code extras} (e.g. {@code result_codes} of a failed transaction). Each static factory
 * stands for one Horizon problem type; {@link PiErrorWebExceptionHandler} renders them.
 */
public final class HorizonProblemException extends RuntimeException {

	/** The content type of Horizon's problems. */
	public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/problem+json; charset=utf-8");

	private static final String TYPE_PREFIX = "https://stellar.org/horizon-errors/";

	private static final String TRANSACTION_FAILED_DETAIL = "The transaction failed when submitted to the network; "
			+ "extras.result_codes says why.";

	private final HttpStatusCode status;

	private final String type;

	private final String title;

	private final Map<String, Object> extras;

	private HorizonProblemException(HttpStatusCode status, String type, String title, String detail,
			Map<String, Object> extras) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.title = title;
		this.extras = Map.copyOf(extras);
	}

	private static HorizonProblemException of(HttpStatus status, String type, String title, String detail) {
		return new HorizonProblemException(status, type, title, detail, Map.of());
	}

	public static HorizonProblemException notFound() {
		return of(HttpStatus.NOT_FOUND, "not_found", "Resource Missing",
				"The resource at the requested URL was not found: the URL is not valid, or nothing is stored "
						+ "for the parameters given.");
	}

	/** A request parameter Horizon cannot use, named in {@code extras.invalid_field}. */
	public static HorizonProblemException badRequest(String field, String reason) {
		Map<String, Object> extras = new LinkedHashMap<>();
		extras.put("invalid_field", field);
		extras.put("reason", reason);
		return new HorizonProblemException(HttpStatus.BAD_REQUEST, "bad_request", "Bad Request",
				"The request you sent was invalid in some way.", extras);
	}

	/**
	 * The {@code tx} form field is not a base64 transaction envelope Horizon can decode.
	 */
	public static HorizonProblemException transactionMalformed(String envelopeXdr) {
		return new HorizonProblemException(HttpStatus.BAD_REQUEST, "transaction_malformed", "Transaction Malformed",
				"The transaction envelope in this request could not be decoded. Send an XDR "
						+ "TransactionEnvelope encoded in base64 as the form field tx.",
				Map.of("envelope_xdr", envelopeXdr));
	}

	/**
	 * The network refused the transaction or it failed when applied.
	 * @param hash the transaction hash, or null when the envelope could not be hashed
	 * @param transactionCode e.g. {@code tx_bad_seq} or {@code tx_failed}
	 * @param operationCodes one code per operation for {@code tx_failed}, else empty
	 * @param more extra members, e.g. the sandbox's own reason for refusing
	 */
	public static HorizonProblemException transactionFailed(String hash, String envelopeXdr, String resultXdr,
			String transactionCode, List<String> operationCodes, Map<String, Object> more) {
		Map<String, Object> resultCodes = new LinkedHashMap<>();
		resultCodes.put("transaction", transactionCode);
		if (!operationCodes.isEmpty()) {
			resultCodes.put("operations", List.copyOf(operationCodes));
		}
		Map<String, Object> extras = new LinkedHashMap<>();
		if (hash != null) {
			extras.put("hash", hash);
		}
		extras.put("envelope_xdr", envelopeXdr);
		if (resultXdr != null) {
			extras.put("result_xdr", resultXdr);
		}
		extras.put("result_codes", resultCodes);
		extras.putAll(more);
		return new HorizonProblemException(HttpStatus.BAD_REQUEST, "transaction_failed", "Transaction Failed",
				TRANSACTION_FAILED_DETAIL, extras);
	}

	/**
	 * Horizon's 504: the submission outlived Horizon's own wait. The transaction may
	 * still land, so clients must look it up by hash before building another.
	 */
	public static HorizonProblemException timeout() {
		return of(HttpStatus.GATEWAY_TIMEOUT, "timeout", "Timeout",
				"The request timed out before it completed. A submitted transaction may still be applied: look "
						+ "it up by hash, and resubmit exactly the same transaction (same sequence number) if it did "
						+ "not land.");
	}

	public static HorizonProblemException rateLimitExceeded() {
		return of(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded", "Rate Limit Exceeded",
				"Rate limit exceeded (injected by pi-sandbox).");
	}

	/** Any other status injected by a fault rule on a Horizon endpoint. */
	public static HorizonProblemException injectedStatus(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		return new HorizonProblemException(HttpStatusCode.valueOf(status),
				(status >= 500) ? "server_error" : "bad_request", title,
				"Status " + status + " injected by pi-sandbox.", Map.of());
	}

	public HttpStatusCode status() {
		return status;
	}

	/** The short problem type, e.g. {@code transaction_failed}. */
	public String type() {
		return type;
	}

	/** The response body, members in Horizon's order. */
	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", TYPE_PREFIX + type);
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", getMessage());
		if (!extras.isEmpty()) {
			body.put("extras", extras);
		}
		return body;
	}

}
