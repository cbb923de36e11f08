package dev.piedge.sidecar.apikey;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The operator asked for a key with a bad label or permissions; the detail says what to
 * fix.
 */
final class InvalidApiKeyRequestException extends ProblemException {

	private InvalidApiKeyRequestException(String detail) {
		super(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_REQUEST, detail);
	}

	static InvalidApiKeyRequestException because(String detail) {
		return new InvalidApiKeyRequestException(detail);
	}

}
