package dev.piedge.sidecar.api;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A backend API request without {@code Authorization: Bearer} credentials.
 */
public final class MissingApiKeyException extends ProblemException {

	private MissingApiKeyException() {
		super(HttpStatus.UNAUTHORIZED, SidecarProblemCode.MISSING_API_KEY,
				"Send an API key or a platform token as Authorization: Bearer <credential>.");
	}

	static MissingApiKeyException create() {
		return new MissingApiKeyException();
	}

	@Override
	public HttpHeaders headers() {
		return ApiChallenge.header(ApiChallenge.REALM);
	}

}
