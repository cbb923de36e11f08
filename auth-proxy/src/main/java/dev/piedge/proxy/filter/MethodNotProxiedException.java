package dev.piedge.proxy.filter;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A method a reverse proxy must not forward: {@code CONNECT} asks for a tunnel, and
 * {@code TRACE} echoes the request (cookies and forwarded identity included) back to
 * whoever sent it.
 */
final class MethodNotProxiedException extends ProblemException {

	/**
	 * The methods pi-edge does forward, for the {@code Allow} header a 405 must carry.
	 */
	static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	private MethodNotProxiedException(String method) {
		super(HttpStatus.METHOD_NOT_ALLOWED, ProxyProblemCode.METHOD_NOT_ALLOWED,
				"The proxy does not forward " + method + " requests.");
	}

	public static MethodNotProxiedException of(String method) {
		return new MethodNotProxiedException(method);
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ALLOW, ALLOWED);
		return headers;
	}

}
