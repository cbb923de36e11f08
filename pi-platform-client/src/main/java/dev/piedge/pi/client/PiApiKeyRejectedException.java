package dev.piedge.pi.client;

import java.util.OptionalInt;

/**
 * The server API key cannot be used: Pi answered 401 or 403 without a documented payment
 * error code to a {@code Key}-authenticated call, or no key ({@code pi.api.key}) is
 * configured.
 *
 * <p>
 * Either way it is an operator problem, not a user problem, and retrying will not help.
 */
public final class PiApiKeyRejectedException extends PiApiException {

	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private PiApiKeyRejectedException(String message, int httpStatus) {
		super(message, null);
		this.httpStatus = httpStatus;
	}

	/**
	 * Pi refused the configured key.
	 * @param httpStatus the status Pi answered (401 or 403)
	 * @param endpoint the endpoint template, e.g. {@code GET /v2/payments/{id}}
	 * @param keyFingerprint the key fingerprint, safe to log
	 * @return the exception
	 */
	public static PiApiKeyRejectedException rejected(int httpStatus, String endpoint, String keyFingerprint) {
		return new PiApiKeyRejectedException("Pi rejected the server API key (fingerprint " + keyFingerprint + ") with "
				+ httpStatus + " on " + endpoint, httpStatus);
	}

	/**
	 * No key is configured, so the call was not made.
	 * @return the exception
	 */
	public static PiApiKeyRejectedException missing() {
		return new PiApiKeyRejectedException("No Pi server API key configured; set pi.api.key to call the payments API",
				0);
	}

	/**
	 * Returns the status Pi answered.
	 * @return 401 or 403, or empty when no key was configured
	 */
	public OptionalInt httpStatus() {
		return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
	}

}
