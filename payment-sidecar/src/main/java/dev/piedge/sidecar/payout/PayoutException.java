package dev.piedge.sidecar.payout;

import java.util.Map;

import dev.piedge.problem.ProblemCode;
import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;

import org.springframework.http.HttpStatus;

/**
 * A payout request the API refuses, with its stable {@code code}.
 */
final class PayoutException extends ProblemException {

	private final Map<String, Object> extra;

	private PayoutException(HttpStatus status, ProblemCode code, String detail, Map<String, Object> extra) {
		super(status, code, detail);
		this.extra = extra;
	}

	static PayoutException invalid(String detail) {
		return new PayoutException(HttpStatus.BAD_REQUEST, SidecarProblemCode.INVALID_PAYOUT, detail, Map.of());
	}

	static PayoutException overLimit(String detail) {
		return new PayoutException(HttpStatus.UNPROCESSABLE_CONTENT, SidecarProblemCode.PAYOUT_LIMIT_EXCEEDED, detail,
				Map.of());
	}

	/** The reference is taken; the answer names the payout that has it. */
	static PayoutException referenceUsed(Payout existing) {
		return new PayoutException(HttpStatus.CONFLICT, SidecarProblemCode.REFERENCE_ALREADY_USED,
				"This reference was already used for another payout.", Map.of("payout_id", existing.id().toString()));
	}

	static PayoutException notFound() {
		return new PayoutException(HttpStatus.NOT_FOUND, SidecarProblemCode.PAYOUT_NOT_FOUND, "No such payout.",
				Map.of());
	}

	static PayoutException notCancellable(Payout payout) {
		return new PayoutException(HttpStatus.CONFLICT, SidecarProblemCode.PAYOUT_NOT_CANCELLABLE,
				"The payout is " + payout.status() + "; only a payout that is not signed yet can be cancelled.",
				Map.of("status", payout.status()));
	}

	static PayoutException disabled() {
		return new PayoutException(HttpStatus.SERVICE_UNAVAILABLE, SidecarProblemCode.PAYOUTS_DISABLED,
				"This sidecar does not pay out.", Map.of());
	}

	@Override
	public Map<String, Object> extra() {
		return this.extra;
	}

}
