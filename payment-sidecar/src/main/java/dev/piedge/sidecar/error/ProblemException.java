package dev.piedge.sidecar.error;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the sidecar answers as RFC 9457 {@code application/problem+json} with a stable {@code code}.
 * Each subclass has one meaning.
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

	/** Extra members of the problem body, e.g. the payment's current status. */
	public Map<String, Object> extra() {
		return Map.of();
	}

	/** Seconds for a {@code Retry-After} header, or 0 for none. */
	public long retryAfterSeconds() {
		return 0;
	}

}
