package dev.piedge.proxy.server;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The client's request body stopped, trickled past the read or request timeout, or the
 * client went away while sending it. Its connection is already closed, so the answer
 * mostly shows in the access log.
 */
final class IncompleteRequestBodyException extends ProblemException {

	private IncompleteRequestBodyException() {
		super(HttpStatus.REQUEST_TIMEOUT, ProxyProblemCode.INCOMPLETE_REQUEST_BODY,
				"The request body did not arrive in time.");
	}

	static IncompleteRequestBodyException create() {
		return new IncompleteRequestBodyException();
	}

}
