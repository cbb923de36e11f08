package dev.piedge.proxy.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal the proxy answers itself, rendered as RFC 9457 {@code application/problem+json} with a stable
 * {@code code}. Each subclass has one meaning; the backend is never called once one is raised.
 */
public abstract class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	protected ProblemException(HttpStatus status, String code, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	/** Headers the response must carry, such as {@code WWW-Authenticate} or {@code Retry-After}. */
	public HttpHeaders headers() {
		return HttpHeaders.EMPTY;
	}

}
