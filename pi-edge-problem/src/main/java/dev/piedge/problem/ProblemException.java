package dev.piedge.problem;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal answered as RFC 9457 {@code application/problem+json} with a stable
 * {@code code}, taken from the application's {@link ProblemCode} enum. Each subclass has
 * one meaning; it says which headers and extra members its answer carries.
 */
public abstract class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final ProblemCode code;

	protected ProblemException(HttpStatus status, ProblemCode code, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The stable code of the answer, as it appears in the body's {@code code} member.
	 */
	public String code() {
		return this.code.code();
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
