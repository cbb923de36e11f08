package dev.piedge.proxy.error;

import dev.piedge.problem.FrameworkProblemCode;
import dev.piedge.problem.ProblemCode;

/**
 * Every {@code code} auth-proxy answers, its own refusals and those of the shared handler
 * ({@link FrameworkProblemCode}) alike. The README's refusal table lists exactly these;
 * {@code ProxyProblemCodeTests} holds the two together.
 */
public enum ProxyProblemCode implements ProblemCode {

	/** A required route, and no bearer token. */
	MISSING_TOKEN("missing_token"),

	/** Pi says the token is invalid or expired. */
	INVALID_TOKEN("invalid_token"),

	/** The token lacks a scope the route requires. */
	INSUFFICIENT_SCOPE("insufficient_scope"),

	/** The Authorization header cannot hold a Pi token. */
	MALFORMED_TOKEN("malformed_token"),

	/** A path the backend might read differently. */
	AMBIGUOUS_PATH("ambiguous_path"),

	/** A repeated or malformed Host. */
	INVALID_HOST("invalid_host"),

	/** CONNECT, TRACE, or a method the framework does not route. */
	METHOD_NOT_ALLOWED("method_not_allowed"),

	/** A body the proxy reads that is not exactly one UTF-8 JSON object. */
	INVALID_BODY("invalid_body"),

	/** A body the proxy reads in a type or coding it does not read. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),

	/** A body the proxy reads that is over its limit. */
	BODY_TOO_LARGE("body_too_large"),

	/** A request body that did not fully arrive. */
	INCOMPLETE_REQUEST_BODY("incomplete_request_body"),

	/**
	 * A browser's page load on a required route without a session: a 302 to the sign-in
	 * page.
	 */
	SIGN_IN_REQUIRED("sign_in_required"),

	/** No live session cookie, where one is asked for. */
	NO_SESSION("no_session"),

	/** A state-changing request with the session cookie from another site. */
	CSRF_REJECTED("csrf_rejected"),

	/** A token too long to seal into a cookie browsers keep. */
	SESSION_TOO_LARGE("session_too_large"),

	/** Pi could not verify a token that is not cached. */
	IDENTITY_PROVIDER_UNAVAILABLE("identity_provider_unavailable"),

	/**
	 * A cross-origin request (or preflight) that the gateway's CORS configuration does
	 * not allow.
	 */
	CORS_REJECTED("cors_rejected"),

	/** Over a route's rate limit (per user, or per client address when anonymous). */
	RATE_LIMITED("rate_limited"),

	/** A path in the payment namespace that names no sidecar endpoint. */
	UNKNOWN_PAYMENT_ENDPOINT("unknown_payment_endpoint"),

	/** The backend could not be reached, or failed before answering. */
	UPSTREAM_UNAVAILABLE("upstream_unavailable"),

	/** The backend did not connect or answer in time. */
	UPSTREAM_TIMEOUT("upstream_timeout"),

	/** No route for the path. */
	NOT_FOUND("not_found"),

	/** A body the framework cannot read. */
	INVALID_REQUEST("invalid_request"),

	/** Any other 400 the framework raises. */
	BAD_REQUEST("bad_request"),

	/** A header block over the server's limit. */
	HEADERS_TOO_LARGE("headers_too_large"),

	/** Any other 4xx the framework raises. */
	CLIENT_ERROR("client_error"),

	/** An unexpected failure. */
	INTERNAL_ERROR("internal_error");

	private final String code;

	ProxyProblemCode(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return this.code;
	}

}
