package dev.piedge.problem;

/**
 * The codes {@link ProblemErrorWebExceptionHandler} gives failures that are not a
 * {@link ProblemException}: the framework's own refusals (no route, wrong method, a body
 * it cannot read or hold) and unexpected failures. Every application answers these too,
 * so each application's code enum repeats them.
 */
public enum FrameworkProblemCode implements ProblemCode {

	/** A request body the framework cannot read (malformed JSON, wrong shape). */
	INVALID_REQUEST("invalid_request"),

	/** Any other 400 the framework raises. */
	BAD_REQUEST("bad_request"),

	/** No route or handler for the path. */
	NOT_FOUND("not_found"),

	/** The path exists, but not for this method. */
	METHOD_NOT_ALLOWED("method_not_allowed"),

	/** A body over the size the framework holds in memory. */
	BODY_TOO_LARGE("body_too_large"),

	/** A content type the handler does not read. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),

	/** A header block over the server's limit. */
	HEADERS_TOO_LARGE("headers_too_large"),

	/** Any other 4xx the framework raises. */
	CLIENT_ERROR("client_error"),

	/** A 502, 503 or 504 the framework raises. */
	UPSTREAM_UNAVAILABLE("upstream_unavailable"),

	/** An unexpected failure; it is logged, and the answer says nothing about it. */
	INTERNAL_ERROR("internal_error");

	private final String code;

	FrameworkProblemCode(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return this.code;
	}

}
