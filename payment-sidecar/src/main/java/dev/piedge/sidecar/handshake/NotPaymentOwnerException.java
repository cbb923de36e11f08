package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The verified caller is not the user who makes the payment, according to Pi's record.
 */
public final class NotPaymentOwnerException extends ProblemException {

	private NotPaymentOwnerException() {
		super(HttpStatus.FORBIDDEN, SidecarProblemCode.NOT_PAYMENT_OWNER, "This payment belongs to another Pi user.");
	}

	static NotPaymentOwnerException create() {
		return new NotPaymentOwnerException();
	}

}
