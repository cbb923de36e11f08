package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * Pi has no such payment, or the ledger has none the caller may see.
 */
public final class PaymentNotFoundException extends ProblemException {

	private PaymentNotFoundException() {
		super(HttpStatus.NOT_FOUND, SidecarProblemCode.PAYMENT_NOT_FOUND, "No such payment.");
	}

	static PaymentNotFoundException create() {
		return new PaymentNotFoundException();
	}

}
