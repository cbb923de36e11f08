package dev.piedge.proxy.token;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The Pi API could not verify a token that is not in the cache: unreachable, timing out,
 * 5xx or 429. Never a 401, which would make the Pi Browser app throw away a good token.
 */
public final class IdentityProviderUnavailableException extends ProblemException {

	private final Duration retryAfter;

	private IdentityProviderUnavailableException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProxyProblemCode.IDENTITY_PROVIDER_UNAVAILABLE,
				"Pi sign-in cannot be verified right now. Retry shortly.");
		this.retryAfter = retryAfter;
	}

	public static IdentityProviderUnavailableException retryAfter(Duration retryAfter) {
		return new IdentityProviderUnavailableException(retryAfter);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())));
		return headers;
	}

}
