package dev.piedge.pi.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Pi could not give a usable answer: the call timed out, the connection failed, Pi
 * answered 5xx or 429, or the answer could not be read. The request may or may not have
 * taken effect on Pi's side.
 *
 * <p>
 * This is the only failure {@link PiPlatformClient} retries, and only for idempotent
 * calls.
 */
public final class PiApiUnavailableException extends PiApiException {

	/**
	 * Upper bound applied to a {@code Retry-After} value, so a hostile or broken header
	 * cannot park callers.
	 */
	public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

	private static final long serialVersionUID = 1L;

	/** Why Pi's answer was unusable. */
	public enum Reason {

		/** No complete answer within {@code pi.api.timeout}. */
		TIMEOUT,
		/** The connection could not be opened or was closed or reset. */
		CONNECTION,
		/** Pi answered 5xx. */
		SERVER_ERROR,
		/** Pi answered 429. */
		RATE_LIMITED,
		/**
		 * A success answer that was empty, unparseable, oversized, or an unexpected
		 * status class.
		 */
		BAD_RESPONSE

	}

	private final Reason reason;

	private final Duration retryAfter;

	private PiApiUnavailableException(String message, Throwable cause, Reason reason, Duration retryAfter) {
		super(message, cause);
		this.reason = reason;
		this.retryAfter = retryAfter;
	}

	/**
	 * No complete answer in time.
	 * @param endpoint the operation, e.g. {@code GET /v2/me}
	 * @param timeout the limit that was exceeded
	 * @return the exception
	 */
	public static PiApiUnavailableException timeout(String endpoint, Duration timeout) {
		return new PiApiUnavailableException("Pi did not answer " + endpoint + " within " + timeout.toMillis() + " ms",
				null, Reason.TIMEOUT, null);
	}

	/**
	 * The connection could not be opened or broke.
	 * @param endpoint the operation
	 * @param cause the transport failure (its message names the URL, never a secret)
	 * @return the exception
	 */
	public static PiApiUnavailableException connection(String endpoint, Throwable cause) {
		return new PiApiUnavailableException(
				"Connection to Pi failed on " + endpoint + " (" + cause.getClass().getSimpleName() + ")", cause,
				Reason.CONNECTION, null);
	}

	/**
	 * Pi answered 5xx.
	 * @param endpoint the operation
	 * @param httpStatus the status
	 * @param retryAfter the parsed {@code Retry-After}, nullable
	 * @return the exception
	 */
	public static PiApiUnavailableException serverError(String endpoint, int httpStatus, Duration retryAfter) {
		return new PiApiUnavailableException("Pi answered " + httpStatus + " to " + endpoint, null, Reason.SERVER_ERROR,
				retryAfter);
	}

	/**
	 * Pi answered 429.
	 * @param endpoint the operation
	 * @param retryAfter the parsed {@code Retry-After}, nullable
	 * @return the exception
	 */
	public static PiApiUnavailableException rateLimited(String endpoint, Duration retryAfter) {
		return new PiApiUnavailableException(
				"Pi rate-limited " + endpoint
						+ (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"),
				null, Reason.RATE_LIMITED, retryAfter);
	}

	/**
	 * Pi's answer could not be used.
	 * @param endpoint the operation
	 * @param problem what was wrong, never the body itself
	 * @return the exception
	 */
	public static PiApiUnavailableException badResponse(String endpoint, String problem) {
		// No cause is attached: parser exceptions quote the body, which must not reach
		// logs.
		return new PiApiUnavailableException("Pi sent an unusable answer to " + endpoint + ": " + problem, null,
				Reason.BAD_RESPONSE, null);
	}

	/**
	 * Returns why the answer was unusable.
	 * @return the reason
	 */
	public Reason reason() {
		return reason;
	}

	/**
	 * Returns how long Pi asked callers to wait, from its {@code Retry-After} header
	 * (seconds or HTTP date), capped at {@link #MAX_RETRY_AFTER}.
	 * @return the requested delay, if Pi sent a readable one with a 429 or 5xx
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

}
