package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A payment callback the sidecar cannot read: no JSON object, a missing field, or an id
 * or txid that does not match its strict pattern (checked before it goes near a URL).
 */
public final class InvalidCallbackException extends ProblemException {

	private InvalidCallbackException(SidecarProblemCode code, String detail) {
		super(HttpStatus.BAD_REQUEST, code, detail);
	}

	static InvalidCallbackException badBody(String detail) {
		return new InvalidCallbackException(SidecarProblemCode.INVALID_REQUEST, detail);
	}

	static InvalidCallbackException badPaymentId() {
		return new InvalidCallbackException(SidecarProblemCode.INVALID_PAYMENT_ID,
				"paymentId is missing or is not a Pi payment id.");
	}

	static InvalidCallbackException badTxid() {
		return new InvalidCallbackException(SidecarProblemCode.INVALID_TXID,
				"The transaction id is missing or is not 64 hex characters.");
	}

}
