package dev.piedge.sidecar.handshake;

import java.util.Locale;
import java.util.Optional;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.TxId;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.ledger.PaymentStatus;

import reactor.core.publisher.Mono;

/**
 * The checks every callback shares: strict ids before they go near a URL, ownership, and
 * the refusals that follow from a payment's state.
 */
final class HandshakeChecks {

	private HandshakeChecks() {
	}

	static Mono<PaymentId> paymentId(String raw) {
		try {
			return Mono.just(PaymentId.of(raw));
		}
		catch (RuntimeException ex) {
			return Mono.error(InvalidCallbackException.badPaymentId());
		}
	}

	static Mono<TxId> txid(String raw) {
		try {
			return Mono.just(TxId.of(raw));
		}
		catch (RuntimeException ex) {
			return Mono.error(InvalidCallbackException.badTxid());
		}
	}

	/** The row, if the caller (when there is one) owns it according to Pi's record. */
	static Mono<LedgerPayment> owned(LedgerPayment row, Optional<Caller> caller) {
		return isOwner(row.userUid(), caller) ? Mono.just(row) : Mono.error(NotPaymentOwnerException.create());
	}

	/** Pi's record, if the caller (when there is one) is its payer. */
	static Mono<PiPayment> owned(PiPayment record, Optional<Caller> caller) {
		return isOwner(record.userUid(), caller) ? Mono.just(record) : Mono.error(NotPaymentOwnerException.create());
	}

	/**
	 * Pi's record, if it is not an App-to-User payment. A record without a direction
	 * (created before Pi added the field) is handled as User-to-App, as it always was.
	 */
	static Mono<PiPayment> userToApp(PiPayment record) {
		return PaymentDirection.APP_TO_USER.column().equals(record.direction())
				? Mono.error(AppToUserPaymentException.create()) : Mono.just(record);
	}

	/** The row, if it is a User-to-App payment. */
	static Mono<LedgerPayment> userToApp(LedgerPayment row) {
		return (row.paymentDirection() == PaymentDirection.USER_TO_APP) ? Mono.just(row)
				: Mono.error(AppToUserPaymentException.create());
	}

	private static boolean isOwner(String ownerUid, Optional<Caller> caller) {
		return caller.isEmpty() || caller.get().uid().equals(ownerUid);
	}

	static PaymentStateConflictException txidConflict(PaymentStatus status) {
		return PaymentStateConflictException.of(SidecarProblemCode.TXID_CONFLICT,
				"A different transaction id is already recorded for this payment.", status);
	}

	static PaymentStateConflictException closed(LedgerPayment row) {
		return closed(row.status());
	}

	/**
	 * The refusal for a payment that ended without completing; a completed payment is
	 * answered by each action in its own way.
	 */
	static PaymentStateConflictException closed(PaymentStatus status) {
		SidecarProblemCode code = switch (status) {
			case CANCELLED -> SidecarProblemCode.PAYMENT_CANCELLED;
			case REJECTED -> SidecarProblemCode.PAYMENT_REJECTED;
			case FAILED -> SidecarProblemCode.PAYMENT_FAILED;
			case CREATED, APPROVED, SUBMITTED, COMPLETED ->
				throw new IllegalArgumentException(status + " is not a closed payment");
		};
		return PaymentStateConflictException.of(code, "The payment is " + status.name().toLowerCase(Locale.ROOT) + ".",
				status);
	}

	static PaymentStateConflictException hasTransaction(PaymentStatus status) {
		return PaymentStateConflictException.of(SidecarProblemCode.PAYMENT_HAS_TRANSACTION,
				"The payment has a blockchain transaction; it can only be completed, never cancelled.", status);
	}

}
