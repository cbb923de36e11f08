package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The {@code Authorization} header cannot hold a Pi access token: empty, too long,
 * repeated, or with characters no token has. Refused before Pi is asked.
 */
public final class MalformedTokenException extends ProblemException {

	private MalformedTokenException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProxyProblemCode.MALFORMED_TOKEN, detail);
	}

	public static MalformedTokenException because(String detail) {
		return new MalformedTokenException(detail);
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, BearerChallenge.withError("invalid_request"));
		return headers;
	}

}
