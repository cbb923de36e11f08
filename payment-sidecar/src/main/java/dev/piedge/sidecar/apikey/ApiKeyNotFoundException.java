package dev.piedge.sidecar.apikey;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The operator named a key id that does not exist.
 */
final class ApiKeyNotFoundException extends ProblemException {

	private ApiKeyNotFoundException() {
		super(HttpStatus.NOT_FOUND, SidecarProblemCode.API_KEY_NOT_FOUND, "No API key has this id.");
	}

	static ApiKeyNotFoundException create() {
		return new ApiKeyNotFoundException();
	}

}
