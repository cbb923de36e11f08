package dev.piedge.proxy.error;

import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The client closed the connection before the whole body the proxy was reading had arrived (a body that stops
 * half way, or a {@code Content-Length} longer than what was sent). A client's mistake, so it is answered and
 * logged as one, and nothing is forwarded.
 */
public final class IncompleteBodyException extends ProblemException {

	private IncompleteBodyException() {
		super(HttpStatus.BAD_REQUEST, "incomplete_body", "The connection closed before the whole request body arrived.");
	}

	public static IncompleteBodyException create() {
		return new IncompleteBodyException();
	}

}
