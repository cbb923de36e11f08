package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * Pi has no such payment, or the ledger has none the caller may see.
 */
public final class PaymentNotFoundException extends ProblemException {

	private PaymentNotFoundException() {
		super(HttpStatus.NOT_FOUND, "payment_not_found", "No such payment.");
	}

	static PaymentNotFoundException create() {
		return new PaymentNotFoundException();
	}

}
