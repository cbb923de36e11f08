package dev.piedge.sidecar.platformtoken;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The platform's JWK Set could not be fetched, so no platform token can be checked right
 * now. API keys still work.
 */
final class PlatformKeysUnavailableException extends ProblemException {

	private PlatformKeysUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, SidecarProblemCode.PLATFORM_KEYS_UNAVAILABLE,
				"The platform's keys cannot be fetched right now. Retry shortly.");
	}

	static PlatformKeysUnavailableException create() {
		return new PlatformKeysUnavailableException();
	}

}
