package dev.piedge.proxy.filter;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * A request body the proxy has to read (to find a Pi access token in it) is larger than
 * it will hold in memory.
 */
final class BodyTooLargeException extends ProblemException {

	private BodyTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, ProxyProblemCode.BODY_TOO_LARGE,
				"The request body is larger than " + limit.toBytes() + " bytes.");
	}

	public static BodyTooLargeException over(DataSize limit) {
		return new BodyTooLargeException(limit);
	}

}
