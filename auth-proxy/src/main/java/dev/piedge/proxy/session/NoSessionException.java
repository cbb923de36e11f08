package dev.piedge.proxy.session;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/** {@code GET /pi-edge/session} without a live session cookie. */
final class NoSessionException extends ProblemException {

	private NoSessionException() {
		super(HttpStatus.UNAUTHORIZED, ProxyProblemCode.NO_SESSION,
				"There is no pi-edge session: sign in at /pi-edge/sign-in.");
	}

	static NoSessionException create() {
		return new NoSessionException();
	}

}
