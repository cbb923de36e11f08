package dev.piedge.sidecar.idempotency;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The caller used this {@code Idempotency-Key} before with another request (method, path
 * or body). The request is not run: a key stands for one operation.
 */
final class IdempotencyKeyReusedException extends ProblemException {

	private IdempotencyKeyReusedException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.IDEMPOTENCY_KEY_REUSED,
				"This Idempotency-Key was used with another request (method, path or body). Use a new key "
						+ "for a new operation.");
	}

	static IdempotencyKeyReusedException create() {
		return new IdempotencyKeyReusedException();
	}

}
