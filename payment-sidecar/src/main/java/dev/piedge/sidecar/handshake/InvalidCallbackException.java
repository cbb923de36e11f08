package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A payment callback the sidecar cannot read: no JSON object, a missing field, or an id
 * or txid that does not match its strict pattern (checked before it goes near a URL).
 */
public final class InvalidCallbackException extends ProblemException {

	private InvalidCallbackException(String code, String detail) {
		super(HttpStatus.BAD_REQUEST, code, detail);
	}

	static InvalidCallbackException badBody(String detail) {
		return new InvalidCallbackException("invalid_request", detail);
	}

	static InvalidCallbackException badPaymentId() {
		return new InvalidCallbackException("invalid_payment_id", "paymentId is missing or is not a Pi payment id.");
	}

	static InvalidCallbackException badTxid() {
		return new InvalidCallbackException("invalid_txid",
				"The transaction id is missing or is not 64 hex characters.");
	}

}
