package dev.piedge.proxy.session;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The access token is too long to seal into a cookie a browser keeps (4096 bytes in all);
 * browsers would drop it without a word, so sign-in says so instead.
 */
final class SessionTooLargeException extends ProblemException {

	private SessionTooLargeException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, ProxyProblemCode.SESSION_TOO_LARGE,
				"This access token is too long for a session cookie; send it as Authorization: Bearer instead.");
	}

	static SessionTooLargeException create() {
		return new SessionTooLargeException();
	}

}
