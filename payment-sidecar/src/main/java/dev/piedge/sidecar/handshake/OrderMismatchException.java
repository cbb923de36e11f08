package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * Order verification refused the payment; it was recorded as REJECTED and Pi's approve
 * was not called.
 */
public final class OrderMismatchException extends ProblemException {

	private OrderMismatchException(String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "order_mismatch",
				"The payment does not match the order: " + reason + ".");
	}

	static OrderMismatchException because(String reason) {
		return new OrderMismatchException(reason);
	}

}
