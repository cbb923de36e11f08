package dev.piedge.proxy.filter;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The request path is ambiguous (encoded separators or dots, dot segments, matrix
 * parameters), so the route chosen for it might differ from what the backend would serve.
 * Refused rather than guessed.
 */
final class RejectedPathException extends ProblemException {

	private RejectedPathException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProxyProblemCode.AMBIGUOUS_PATH, detail);
	}

	public static RejectedPathException because(String detail) {
		return new RejectedPathException(detail);
	}

}
