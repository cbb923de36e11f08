package dev.piedge.sidecar.identity;

import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The proxy's signing keys could not be fetched, so no identity can be checked right now.
 */
public final class IdentityKeysUnavailableException extends ProblemException {

	private IdentityKeysUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "identity_keys_unavailable",
				"The proxy's identity keys cannot be fetched right now. Retry shortly.");
	}

	static IdentityKeysUnavailableException create() {
		return new IdentityKeysUnavailableException();
	}

}
