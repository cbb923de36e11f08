package dev.piedge.sidecar.idempotency;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The first request with this {@code Idempotency-Key} is still running (or its instance
 * stopped and its lease has not ended yet). Retrying later gets its answer.
 */
final class IdempotencyInProgressException extends ProblemException {

	private IdempotencyInProgressException() {
		super(HttpStatus.CONFLICT, SidecarProblemCode.IDEMPOTENCY_IN_PROGRESS,
				"A request with this Idempotency-Key is still in progress. Retry shortly to get its answer.");
	}

	static IdempotencyInProgressException create() {
		return new IdempotencyInProgressException();
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return headers;
	}

}
