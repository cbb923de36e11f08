package dev.piedge.pi.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Pi refused a request with a 4xx answer and an error code, e.g.
 * {@code ongoing_payment_found}, {@code already_completed} or
 * {@code verification_failed}.
 *
 * <p>
 * The code is taken from the {@code error} field of Pi's body when it is a plain
 * identifier. A 404 to a payment call without such a code reads as
 * {@link PiErrorCodes#PAYMENT_NOT_FOUND}; any other 4xx without one reads as
 * {@link #UNSPECIFIED}. Compare the code with {@link PiErrorCodes}. Pi's free-text
 * {@code error_message} is deliberately not kept.
 */
public final class PiApiErrorException extends PiApiException {

	/** Code used when Pi's answer carried no usable error code. */
	public static final String UNSPECIFIED = "unspecified";

	private static final long serialVersionUID = 1L;

	private final String code;

	private final int httpStatus;

	private final transient PiPayment payment;

	private final String verificationError;

	private PiApiErrorException(String message, String code, int httpStatus, PiPayment payment,
			String verificationError) {
		super(message, null);
		this.code = code;
		this.httpStatus = httpStatus;
		this.payment = payment;
		this.verificationError = verificationError;
	}

	/**
	 * Pi answered a 4xx with (or without) an error code.
	 * @param endpoint the endpoint template, e.g. {@code POST /v2/payments}
	 * @param httpStatus the status
	 * @param code a sanitised code
	 * @param payment the {@code payment} extra, nullable
	 * @param verificationError the sanitised {@code verification_error} extra, nullable
	 * @return the exception
	 */
	public static PiApiErrorException of(String endpoint, int httpStatus, String code, PiPayment payment,
			String verificationError) {
		Objects.requireNonNull(code, "code");
		String message = "Pi answered " + httpStatus + " with error code '" + code + "' to " + endpoint
				+ (verificationError == null ? "" : " (verification_error '" + verificationError + "')");
		return new PiApiErrorException(message, code, httpStatus, payment, verificationError);
	}

	/**
	 * Returns Pi's error code.
	 * @return the code, {@link PiErrorCodes#PAYMENT_NOT_FOUND} for a bare 404 to a
	 * payment call, or {@link #UNSPECIFIED}
	 */
	public String code() {
		return code;
	}

	/**
	 * Returns the HTTP status Pi answered.
	 * @return a 4xx status
	 */
	public int httpStatus() {
		return httpStatus;
	}

	/**
	 * Returns the payment Pi attached to the error ({@code ongoing_payment_found} on
	 * create; {@code forbidden}, {@code already_completed} and {@code cancelled_payment}
	 * on cancel).
	 * @return the blocking or affected payment, if Pi sent one that could be read
	 */
	public Optional<PiPayment> payment() {
		return Optional.ofNullable(payment);
	}

	/**
	 * Returns the detail Pi attached to {@code verification_failed}, e.g.
	 * {@code tx_memo_payment_identifier_mismatch}.
	 * @return the verification error, if present
	 */
	public Optional<String> verificationError() {
		return Optional.ofNullable(verificationError);
	}

}
