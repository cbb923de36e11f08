package dev.piedge.proxy.session;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A browser's page load on a required route, without a session: a 302 to the sign-in
 * page, which comes back to the same path and query afterwards.
 */
final class SignInRequiredException extends ProblemException {

	private final String location;

	private SignInRequiredException(String location) {
		super(HttpStatus.FOUND, ProxyProblemCode.SIGN_IN_REQUIRED, "Sign in with Pi to see this page.");
		this.location = location;
	}

	/**
	 * @param location the sign-in page with its {@code rd}
	 */
	static SignInRequiredException to(String location) {
		return new SignInRequiredException(location);
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.LOCATION, this.location);
		headers.setCacheControl("no-store");
		return headers;
	}

}
