package dev.piedge.sidecar.checkout;

import dev.piedge.problem.ProblemCode;
import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A checkout request the sidecar cannot serve: bad input to the link or the API, a
 * session that does not exist (or is another buyer's), or no signed-in buyer.
 */
final class CheckoutException extends ProblemException {

	private CheckoutException(HttpStatus status, ProblemCode code, String detail) {
		super(status, code, detail);
	}

	static CheckoutException invalid(String detail) {
		return new CheckoutException(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_CHECKOUT, detail);
	}

	/** Also for another buyer's session, so its existence is not revealed. */
	static CheckoutException notFound() {
		return new CheckoutException(HttpStatus.NOT_FOUND, SidecarProblemCode.CHECKOUT_SESSION_NOT_FOUND,
				"There is no such checkout session.");
	}

	static CheckoutException identityRequired() {
		return new CheckoutException(HttpStatus.UNAUTHORIZED, SidecarProblemCode.IDENTITY_REQUIRED,
				"Checkout needs a signed-in Pi user.");
	}

}
