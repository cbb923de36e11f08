package dev.piedge.sidecar.handshake;

import java.util.Optional;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.TxId;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.Claim;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.NewLedgerPayment;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.ledger.Transition;
import dev.piedge.sidecar.pi.PiPaymentsClient;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Pi's record of a payment, read server-side, and its mirror in the ledger: a payment is
 * stored the first time it is seen, from Pi's facts, never from the client's copy.
 */
@Service
class PaymentRecordService {

	private static final String READ_FROM_PI = "read from Pi";

	private final PaymentLedger ledger;

	private final PiPaymentsClient pi;

	private final PaymentViews views;

	PaymentRecordService(PaymentLedger ledger, PiPaymentsClient pi, PaymentViews views) {
		this.ledger = ledger;
		this.pi = pi;
		this.views = views;
	}

	/** Pi's record; an unknown payment is a 404, an unreachable Pi a 503. */
	Mono<PiPayment> read(PaymentId id) {
		return this.pi.get(id)
			.onErrorMap(ex -> (ex instanceof PiApiErrorException error
					&& PiErrorCodes.PAYMENT_NOT_FOUND.equals(error.code())) ? PaymentNotFoundException.create()
							: SettlementService.asProblem(ex));
	}

	/**
	 * The ledger row, if the caller (when there is one) is the payer and it is a
	 * User-to-App payment. A payment seen for the first time is recorded from Pi's record
	 * only after those checks, so a stranger's callback, or one naming a payout, leaves
	 * nothing in the ledger.
	 */
	Mono<LedgerPayment> ownedRow(PaymentId id, Optional<Caller> caller) {
		return this.ledger.find(id.value())
			.flatMap(row -> HandshakeChecks.owned(row, caller))
			.flatMap(HandshakeChecks::userToApp)
			.switchIfEmpty(Mono.defer(() -> read(id).flatMap(record -> HandshakeChecks.owned(record, caller))
				.flatMap(HandshakeChecks::userToApp)
				.flatMap(this::store)));
	}

	/**
	 * Records the payment as CREATED unless the ledger has it; returns the row either
	 * way.
	 */
	Mono<LedgerPayment> store(PiPayment record) {
		return this.ledger.record(newPayment(record), READ_FROM_PI).flatMap(HandshakeChecks::userToApp);
	}

	/**
	 * Like {@link #store(PiPayment)}, and if this call records it, it holds {@code claim}
	 * too ({@link Claim#heldBy}).
	 */
	Mono<LedgerPayment> store(PiPayment record, Claim claim) {
		return this.ledger.record(newPayment(record), READ_FROM_PI, claim).flatMap(HandshakeChecks::userToApp);
	}

	/** Pi's record says approved: the ledger follows, whoever wins the move. */
	Mono<LedgerPayment> approvedOnPi(LedgerPayment row) {
		return this.ledger.move(Transition.of(row, PaymentStatus.APPROVED, "approved on Pi"))
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	/** Stores the txid Pi reports, unless one is stored already. */
	Mono<Void> learnTxid(LedgerPayment row, PiPayment record) {
		String txid = txidOf(record);
		return (txid == null) ? Mono.empty() : this.ledger.storeTxid(row.piPaymentId(), txid).then();
	}

	static String txidOf(PiPayment record) {
		return (record.transaction() != null && record.transaction().txid() != null)
				? TxId.of(record.transaction().txid()).value() : null;
	}

	/**
	 * Only User-to-App records get here ({@link HandshakeChecks#userToApp}), those
	 * without a direction included: they are recorded as what the handshake treats them
	 * as.
	 */
	private NewLedgerPayment newPayment(PiPayment record) {
		return new NewLedgerPayment(record.identifier(), record.userUid(), PaymentDirection.USER_TO_APP,
				record.network(), record.amount(), record.memo(), this.views.toJson(record.metadata()));
	}

}
