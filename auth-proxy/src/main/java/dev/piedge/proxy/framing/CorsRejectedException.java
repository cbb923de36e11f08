package dev.piedge.proxy.framing;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The gateway's CORS configuration covers the path but does not allow this cross-origin
 * request or preflight: its origin, its method or (in a preflight) one of its headers.
 * Raised before route filters run, so neither Pi nor the backend is called.
 */
final class CorsRejectedException extends ProblemException {

	private CorsRejectedException(String detail) {
		super(HttpStatus.FORBIDDEN, ProxyProblemCode.CORS_REJECTED, detail);
	}

	static CorsRejectedException notAllowed() {
		return new CorsRejectedException(
				"This cross-origin request is not allowed from its origin, or with its method or headers.");
	}

}
