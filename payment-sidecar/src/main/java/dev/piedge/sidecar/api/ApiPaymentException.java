package dev.piedge.sidecar.api;

import dev.piedge.problem.ProblemException;
import dev.piedge.problem.ProblemCode;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A payment the backend API cannot answer: an id that is not one Pi issues, or one the
 * ledger does not hold.
 */
final class ApiPaymentException extends ProblemException {

	private ApiPaymentException(HttpStatus status, ProblemCode code, String detail) {
		super(status, code, detail);
	}

	static ApiPaymentException invalidId() {
		return new ApiPaymentException(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_PAYMENT_ID,
				"A payment id is 1 to 64 letters, digits, '_' or '-'.");
	}

	static ApiPaymentException notFound() {
		return new ApiPaymentException(HttpStatus.NOT_FOUND, SidecarProblemCode.PAYMENT_NOT_FOUND,
				"The ledger has no such payment.");
	}

}
