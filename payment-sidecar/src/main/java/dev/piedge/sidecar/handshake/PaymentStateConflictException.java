package dev.piedge.sidecar.handshake;

import java.util.Map;

import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.ledger.PaymentStatus;

import org.springframework.http.HttpStatus;

/**
 * The payment's state rules the action out: cancelled, failed, not yet approved, already
 * completed with another txid, or holding a transaction that must not be cancelled. The
 * body names the current status.
 */
public final class PaymentStateConflictException extends ProblemException {

	private final PaymentStatus current;

	private PaymentStateConflictException(SidecarProblemCode code, String detail, PaymentStatus current) {
		super(HttpStatus.CONFLICT, code, detail);
		this.current = current;
	}

	static PaymentStateConflictException of(SidecarProblemCode code, String detail, PaymentStatus current) {
		return new PaymentStateConflictException(code, detail, current);
	}

	@Override
	public Map<String, Object> extra() {
		return (this.current != null) ? Map.of("payment_status", this.current.name()) : Map.of();
	}

}
