package dev.piedge.problem;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal answered as RFC 9457 {@code application/problem+json} with a stable
 * {@code code}. Each subclass has one meaning; it says which headers and extra members
 * its answer carries.
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

	/**
	 * Headers the answer must carry, such as {@code WWW-Authenticate} or
	 * {@code Retry-After}.
	 */
	public HttpHeaders headers() {
		return HttpHeaders.EMPTY;
	}

	/** Extra members of the problem body, e.g. the scopes that were missing. */
	public Map<String, Object> extra() {
		return Map.of();
	}

}
