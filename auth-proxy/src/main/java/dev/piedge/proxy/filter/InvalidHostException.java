package dev.piedge.proxy.filter;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * More than one {@code Host} line, or one that is not a host name or address with an
 * optional port. RFC 9112 (section 3.2) requires a 400: the proxy and a backend (or its
 * virtual-host routing) could each pick a different host.
 */
final class InvalidHostException extends ProblemException {

	private InvalidHostException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProxyProblemCode.INVALID_HOST, detail);
	}

	public static InvalidHostException repeated() {
		return new InvalidHostException("The request has more than one Host header.");
	}

	public static InvalidHostException malformed() {
		return new InvalidHostException("The Host header is not a host name or address with an optional port.");
	}

}
