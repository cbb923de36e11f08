package dev.piedge.proxy.session;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A state-changing request carried the session cookie but came from another site (or
 * could not show where it came from). The backend is never called.
 */
final class CsrfRejectedException extends ProblemException {

	private CsrfRejectedException(String detail) {
		super(HttpStatus.FORBIDDEN, ProxyProblemCode.CSRF_REJECTED, detail);
	}

	static CsrfRejectedException create() {
		return new CsrfRejectedException("This request carries your pi-edge session but does not come from this "
				+ "site's own pages (Sec-Fetch-Site, Origin), so it is refused. Send it from a page of this site, "
				+ "or with Authorization: Bearer.");
	}

	static CsrfRejectedException signIn() {
		return new CsrfRejectedException(
				"Sign-in is accepted only from this site's own pages (Sec-Fetch-Site, Origin) with a JSON body.");
	}

}
