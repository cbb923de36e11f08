package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * Order verification refused the payment; it was recorded as REJECTED and Pi's approve
 * was not called.
 */
public final class OrderMismatchException extends ProblemException {

	private OrderMismatchException(String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.ORDER_MISMATCH,
				"The payment does not match the order: " + reason + ".");
	}

	static OrderMismatchException because(String reason) {
		return new OrderMismatchException(reason);
	}

}
