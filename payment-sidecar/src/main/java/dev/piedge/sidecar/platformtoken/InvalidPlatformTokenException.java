package dev.piedge.sidecar.platformtoken;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.api.ApiChallenge;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A bearer credential shaped like a JWT that is not an acceptable platform token; the
 * detail says which rule it broke (signature or key, algorithm, times, lifetime, claims),
 * never the token.
 */
final class InvalidPlatformTokenException extends ProblemException {

	private InvalidPlatformTokenException(String detail) {
		super(HttpStatus.UNAUTHORIZED, SidecarProblemCode.INVALID_PLATFORM_TOKEN, detail);
	}

	static InvalidPlatformTokenException because(String detail) {
		return new InvalidPlatformTokenException(detail);
	}

	static InvalidPlatformTokenException notEnabled() {
		return new InvalidPlatformTokenException(
				"Platform tokens are not accepted here: no pi.api-auth.platform key is configured.");
	}

	@Override
	public HttpHeaders headers() {
		return ApiChallenge.withError("invalid_token");
	}

}
