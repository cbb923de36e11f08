package dev.piedge.proxy.payment;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The path is in the payment namespace ({@code …/pi_payment/…}) but names no sidecar
 * endpoint: an unknown action, extra segments or a payment id with characters Pi never
 * issues. Refused before the sidecar is called.
 */
final class UnknownPaymentEndpointException extends ProblemException {

	private UnknownPaymentEndpointException() {
		super(HttpStatus.NOT_FOUND, ProxyProblemCode.UNKNOWN_PAYMENT_ENDPOINT,
				"There is no payment endpoint at this path. Use pi_payment/approve, complete, cancel, incomplete, "
						+ "error, payments or payments/{paymentId}.");
	}

	public static UnknownPaymentEndpointException create() {
		return new UnknownPaymentEndpointException();
	}

}
