package dev.piedge.proxy.ratelimit;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The caller (a verified user, or an anonymous client address) is over the route's rate
 * limit. The backend was not called.
 */
final class RateLimitedException extends ProblemException {

	private final HttpHeaders headers;

	private RateLimitedException(HttpHeaders headers) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProxyProblemCode.RATE_LIMITED,
				"Too many requests; try again after the time in Retry-After.");
		this.headers = headers;
	}

	/**
	 * @param retryAfterSeconds the limiter's wait, or {@code null} when it gave none
	 */
	static RateLimitedException retryAfter(String retryAfterSeconds) {
		HttpHeaders headers = new HttpHeaders();
		if (retryAfterSeconds != null) {
			headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
		}
		return new RateLimitedException(HttpHeaders.readOnlyHttpHeaders(headers));
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

}
