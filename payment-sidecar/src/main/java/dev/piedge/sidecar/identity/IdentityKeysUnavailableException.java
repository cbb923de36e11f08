package dev.piedge.sidecar.identity;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The proxy's signing keys could not be fetched, so no identity can be checked right now.
 */
public final class IdentityKeysUnavailableException extends ProblemException {

	private IdentityKeysUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, SidecarProblemCode.IDENTITY_KEYS_UNAVAILABLE,
				"The proxy's identity keys cannot be fetched right now. Retry shortly.");
	}

	static IdentityKeysUnavailableException create() {
		return new IdentityKeysUnavailableException();
	}

}
