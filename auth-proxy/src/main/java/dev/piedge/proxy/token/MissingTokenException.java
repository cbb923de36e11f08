package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The route requires a verified Pi user and the request carried no bearer token (RFC 6750
 * §3: no error code).
 */
public final class MissingTokenException extends ProblemException {

	private MissingTokenException() {
		super(HttpStatus.UNAUTHORIZED, ProxyProblemCode.MISSING_TOKEN,
				"This route requires a Pi access token (Authorization: Bearer).");
	}

	public static MissingTokenException create() {
		return new MissingTokenException();
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.REALM);
		return headers;
	}

}
