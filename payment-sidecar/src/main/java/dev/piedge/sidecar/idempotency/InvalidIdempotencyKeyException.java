package dev.piedge.sidecar.idempotency;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * An {@code Idempotency-Key} header that is repeated, empty, too long or not printable
 * ASCII. The request is not run.
 */
final class InvalidIdempotencyKeyException extends ProblemException {

	private InvalidIdempotencyKeyException(String detail) {
		super(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_IDEMPOTENCY_KEY, detail);
	}

	static InvalidIdempotencyKeyException because(String detail) {
		return new InvalidIdempotencyKeyException(detail);
	}

}
