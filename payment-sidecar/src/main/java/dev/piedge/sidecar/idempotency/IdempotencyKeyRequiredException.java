package dev.piedge.sidecar.idempotency;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A POST to an endpoint that requires an {@code Idempotency-Key} came without one. The
 * request is not run.
 */
final class IdempotencyKeyRequiredException extends ProblemException {

	private IdempotencyKeyRequiredException() {
		super(HttpStatus.BAD_REQUEST, SidecarProblemCode.IDEMPOTENCY_KEY_REQUIRED,
				"This endpoint requires an Idempotency-Key header, such as a UUID generated for this operation.");
	}

	static IdempotencyKeyRequiredException create() {
		return new IdempotencyKeyRequiredException();
	}

}
