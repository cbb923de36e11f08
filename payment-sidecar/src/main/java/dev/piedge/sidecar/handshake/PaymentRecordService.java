package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.util.Optional;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.TxId;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.NewLedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedgerRepository;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.pi.PiPaymentsClient;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Pi's record of a payment, read server-side, and its mirror in the ledger: a payment is
 * stored the first time it is seen, from Pi's facts, never from the client's copy.
 */
@Service
class PaymentRecordService {

	private final PaymentLedgerRepository ledger;

	private final PiPaymentsClient pi;

	private final PaymentViews views;

	private final Clock clock;

	PaymentRecordService(PaymentLedgerRepository ledger, PiPaymentsClient pi, PaymentViews views, Clock clock) {
		this.ledger = ledger;
		this.pi = pi;
		this.views = views;
		this.clock = clock;
	}

	/** Pi's record; an unknown payment is a 404, an unreachable Pi a 503. */
	Mono<PiPayment> read(PaymentId id) {
		return this.pi.get(id)
			.onErrorMap(ex -> (ex instanceof PiApiErrorException error
					&& PiErrorCodes.PAYMENT_NOT_FOUND.equals(error.code())) ? PaymentNotFoundException.create()
							: SettlementService.asProblem(ex));
	}

	/**
	 * The ledger row, if the caller (when there is one) is the payer. A payment seen for
	 * the first time is created from Pi's record only after that check, so a stranger's
	 * callback leaves nothing in the ledger.
	 */
	Mono<LedgerPayment> ownedRow(PaymentId id, Optional<Caller> caller) {
		return this.ledger.find(id.value())
			.flatMap(row -> HandshakeChecks.owned(row, caller))
			.switchIfEmpty(Mono
				.defer(() -> read(id).flatMap(record -> HandshakeChecks.owned(record, caller)).flatMap(this::store)));
	}

	/**
	 * Stores the payment as CREATED unless the ledger has it; returns the row either way.
	 */
	Mono<LedgerPayment> store(PiPayment record) {
		return this.ledger.insertIfAbsent(new NewLedgerPayment(record.identifier(), record.userUid(),
				(record.direction() != null) ? record.direction() : "unknown", record.network(), record.amount(),
				record.memo(), this.views.toJson(record.metadata())), this.clock.instant());
	}

	/** Pi's record says approved: the ledger follows, whoever wins the transition. */
	Mono<LedgerPayment> approvedOnPi(LedgerPayment row) {
		return this.ledger
			.transition(row.piPaymentId(), PaymentStatus.CREATED, PaymentStatus.APPROVED, null, null, "approved on Pi",
					this.clock.instant())
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())));
	}

	/** Stores the txid Pi reports, unless one is stored already. */
	Mono<Void> learnTxid(LedgerPayment row, PiPayment record) {
		String txid = txidOf(record);
		return (txid == null) ? Mono.empty()
				: this.ledger.storeTxid(row.piPaymentId(), txid, this.clock.instant()).then();
	}

	static String txidOf(PiPayment record) {
		return (record.transaction() != null && record.transaction().txid() != null)
				? TxId.of(record.transaction().txid()).value() : null;
	}

}
