package dev.piedge.sidecar.handshake;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * Pi refused to complete the payment for good ({@code txid_mismatch} or
 * {@code verification_failed}); the payment is recorded as FAILED with Pi's reason and no
 * goods must be delivered.
 */
public final class CompletionRefusedException extends ProblemException {

	private CompletionRefusedException(HttpStatus status, SidecarProblemCode code, String detail) {
		super(status, code, detail);
	}

	static CompletionRefusedException txidMismatch() {
		return new CompletionRefusedException(HttpStatus.CONFLICT, SidecarProblemCode.TXID_MISMATCH,
				"Pi says the transaction does not belong to this payment.");
	}

	static CompletionRefusedException verificationFailed(String piReason) {
		return new CompletionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.VERIFICATION_FAILED,
				"Pi could not verify the transaction" + (piReason != null ? " (" + piReason + ")" : "") + ".");
	}

}
