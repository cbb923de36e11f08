package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Pi said the access token is invalid or expired. Always a 401, also on optional routes,
 * so a bad token never silently becomes an anonymous request.
 */
public final class InvalidTokenException extends ProblemException {

	private InvalidTokenException() {
		super(HttpStatus.UNAUTHORIZED, ProxyProblemCode.INVALID_TOKEN,
				"The Pi access token is invalid or has expired.");
	}

	public static InvalidTokenException create() {
		return new InvalidTokenException();
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.withError("invalid_token"));
		return headers;
	}

}
