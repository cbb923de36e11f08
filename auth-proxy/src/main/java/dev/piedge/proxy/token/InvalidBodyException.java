package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A body the proxy must read for its access token ({@code pi-token-from-body} routes) is
 * not exactly one JSON object: malformed or cut short, an array or a scalar, more than
 * one value, names repeated, or not UTF-8. Refused rather than forwarded, because what
 * the proxy cannot read it cannot clear of a token.
 */
final class InvalidBodyException extends ProblemException {

	private InvalidBodyException() {
		// Never the parser's message: it quotes the body, which may hold the token.
		super(HttpStatus.BAD_REQUEST, ProxyProblemCode.INVALID_BODY,
				"The body must be exactly one JSON object, in UTF-8, with no name repeated.");
	}

	public static InvalidBodyException notOneJsonObject() {
		return new InvalidBodyException();
	}

}
