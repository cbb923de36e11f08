package dev.piedge.pi.client;

/**
 * The user's Pi access token is not acceptable: either Pi answered 401 to
 * {@code GET /v2/me} (invalid or expired), or the token was malformed and was never sent.
 */
public final class PiAccessTokenRejectedException extends PiApiException {

	private static final long serialVersionUID = 1L;

	private final boolean malformed;

	private PiAccessTokenRejectedException(String message, boolean malformed) {
		super(message, null);
		this.malformed = malformed;
	}

	/**
	 * Pi answered 401 to {@code /v2/me}.
	 * @return the exception
	 */
	public static PiAccessTokenRejectedException rejectedByPi() {
		return new PiAccessTokenRejectedException("Pi rejected the access token (401 from GET /v2/me)", false);
	}

	/**
	 * The token was blank, too long, or contained whitespace or control characters, so it
	 * was not sent.
	 * @return the exception
	 */
	public static PiAccessTokenRejectedException malformed() {
		return new PiAccessTokenRejectedException(
				"Access token is malformed (blank, longer than 4096 characters, or not visible ASCII); not sent to Pi",
				true);
	}

	/**
	 * Tells whether the token was rejected locally without calling Pi.
	 * @return true if malformed, false if Pi refused it
	 */
	public boolean isMalformed() {
		return malformed;
	}

}
