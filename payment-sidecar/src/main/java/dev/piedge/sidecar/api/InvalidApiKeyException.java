package dev.piedge.sidecar.api;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A bearer credential that is no API key pi-edge knows: malformed, unknown, with a wrong
 * secret or revoked. One answer for all of them, so a caller cannot tell a revoked key
 * from a guessed one.
 */
public final class InvalidApiKeyException extends ProblemException {

	private InvalidApiKeyException(String detail) {
		super(HttpStatus.UNAUTHORIZED, SidecarProblemCode.INVALID_API_KEY, detail);
	}

	static InvalidApiKeyException create() {
		return new InvalidApiKeyException("The API key is not valid: unknown, revoked or mistyped.");
	}

	static InvalidApiKeyException malformedHeader(String why) {
		return new InvalidApiKeyException(why);
	}

	@Override
	public HttpHeaders headers() {
		return ApiChallenge.withError("invalid_token");
	}

}
