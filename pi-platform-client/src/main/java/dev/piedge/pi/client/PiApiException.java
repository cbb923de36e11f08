package dev.piedge.pi.client;

/**
 * Base of every failure raised by {@link PiPlatformClient}.
 *
 * <p>
 * The subtypes are closed so callers can map each one to a response: the access token was
 * refused ({@link PiAccessTokenRejectedException}), the server API key was refused or is
 * missing ({@link PiApiKeyRejectedException}), Pi refused the request with an error code
 * ({@link PiApiErrorException}), or Pi could not give a usable answer
 * ({@link PiApiUnavailableException}).
 *
 * <p>
 * Messages never contain the access token, the API key or the body Pi sent, so they are
 * safe to log.
 */
public abstract sealed class PiApiException extends RuntimeException permits PiAccessTokenRejectedException,
		PiApiKeyRejectedException, PiApiErrorException, PiApiUnavailableException {

	private static final long serialVersionUID = 1L;

	PiApiException(String message, Throwable cause) {
		super(message, cause);
	}

}
