package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The action needs a Pi user verified by the proxy, and the request carried none.
 */
public final class CallerRequiredException extends ProblemException {

	private CallerRequiredException() {
		super(HttpStatus.UNAUTHORIZED, SidecarProblemCode.IDENTITY_REQUIRED,
				"This action requires a signed-in Pi user.");
	}

	static CallerRequiredException create() {
		return new CallerRequiredException();
	}

}
