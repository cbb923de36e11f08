package dev.piedge.sidecar.checkout;

import java.util.Optional;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The handshake refused a checkout payment before Pi's approve or complete: its Pi record
 * does not match the session it names. Each refusal has its own code; {@link #reason()}
 * is what the ledger keeps as the payment's failure reason, and
 * {@link #fromReason(String)} turns that back into the same refusal for a repeated
 * callback.
 */
public final class CheckoutRefusedException extends ProblemException {

	private final String reason;

	private CheckoutRefusedException(HttpStatus status, SidecarProblemCode code, String detail) {
		super(status, code, detail);
		this.reason = code.code() + ": " + detail;
	}

	/** The failure reason to record: the code, then the detail. */
	public String reason() {
		return this.reason;
	}

	/** The refusal a recorded failure reason stands for, if it is a checkout one. */
	public static Optional<CheckoutRefusedException> fromReason(String reason) {
		if (reason == null) {
			return Optional.empty();
		}
		for (Refusal refusal : Refusal.values()) {
			String prefix = refusal.code.code() + ": ";
			if (reason.startsWith(prefix)) {
				return Optional
					.of(new CheckoutRefusedException(refusal.status, refusal.code, reason.substring(prefix.length())));
			}
		}
		return Optional.empty();
	}

	static CheckoutRefusedException of(Refusal refusal, String detail) {
		return new CheckoutRefusedException(refusal.status, refusal.code, detail);
	}

	/** Each way a checkout payment is refused, with its status. */
	enum Refusal {

		SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, SidecarProblemCode.CHECKOUT_SESSION_NOT_FOUND),

		SESSION_EXPIRED(HttpStatus.CONFLICT, SidecarProblemCode.CHECKOUT_SESSION_EXPIRED),

		NOT_OPEN(HttpStatus.CONFLICT, SidecarProblemCode.CHECKOUT_NOT_OPEN),

		ALREADY_PAID(HttpStatus.CONFLICT, SidecarProblemCode.CHECKOUT_ALREADY_PAID),

		AMOUNT_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.CHECKOUT_AMOUNT_MISMATCH),

		BUYER_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.CHECKOUT_BUYER_MISMATCH),

		WRONG_DIRECTION(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.CHECKOUT_WRONG_DIRECTION),

		WRONG_NETWORK(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.CHECKOUT_WRONG_NETWORK),

		TXID_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.CHECKOUT_TXID_MISMATCH);

		private final HttpStatus status;

		private final SidecarProblemCode code;

		Refusal(HttpStatus status, SidecarProblemCode code) {
			this.status = status;
			this.code = code;
		}

	}

}
