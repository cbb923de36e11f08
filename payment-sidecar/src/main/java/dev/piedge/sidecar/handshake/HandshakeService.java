package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.util.Optional;

import dev.piedge.pi.client.PiPayment;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.Claim;
import dev.piedge.sidecar.ledger.ClaimAction;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server side of the Pi payment handshake. Pi's record, read server-side, is the
 * authority on every payment; the client's copy is never used. Each call to Pi happens
 * under a claim taken with a conditional update, so duplicate and concurrent callbacks
 * (the SDK re-fires them every ~10 s), on any number of instances, make Pi's approve and
 * complete happen at most once.
 */
@Service
public class HandshakeService {

	private static final int LIST_LIMIT = 100;

	private final ApprovalService approvals;

	private final CompletionService completions;

	private final PaymentRecordService records;

	private final SettlementService settlement;

	private final PaymentLedger ledger;

	private final PaymentViews views;

	private final HandshakeProperties properties;

	private final Clock clock;

	HandshakeService(ApprovalService approvals, CompletionService completions, PaymentRecordService records,
			SettlementService settlement, PaymentLedger ledger, PaymentViews views, HandshakeProperties properties,
			Clock clock) {
		this.approvals = approvals;
		this.completions = completions;
		this.records = records;
		this.settlement = settlement;
		this.ledger = ledger;
		this.views = views;
		this.properties = properties;
		this.clock = clock;
	}

	public Mono<HandshakeResult> approve(String rawPaymentId, Optional<Caller> caller) {
		return this.approvals.approve(rawPaymentId, caller);
	}

	public Mono<HandshakeResult> complete(String rawPaymentId, String rawTxid, Optional<Caller> caller) {
		return this.completions.complete(rawPaymentId, rawTxid, caller);
	}

	/**
	 * cancel: cancels on Pi unless the payment has a transaction, which is never
	 * cancelled. pi-sdk-js sends it without a token, so an anonymous cancel is allowed;
	 * an identified caller must be the payer.
	 */
	public Mono<HandshakeResult> cancel(String rawPaymentId, Optional<Caller> caller) {
		return HandshakeChecks.paymentId(rawPaymentId).flatMap(id -> this.records.ownedRow(id, caller).flatMap(row -> {
			if (row.status() == PaymentStatus.COMPLETED) {
				return Mono.error(PaymentStateConflictException.of(SidecarProblemCode.ALREADY_COMPLETED,
						"The payment is completed and cannot be cancelled.", row.status()));
			}
			if (row.status().isTerminal()) {
				return done(row);
			}
			if (row.txid() != null) {
				return Mono.error(HandshakeChecks.hasTransaction(row.status()));
			}
			return this.records.read(id).flatMap(record -> {
				if (PaymentRecordService.txidOf(record) != null) {
					// Learnt now, kept now; completing it is for incomplete or the
					// reconciler, not cancel.
					return this.records.learnTxid(row, record)
						.then(Mono.error(HandshakeChecks.hasTransaction(row.status())));
				}
				return settleWithRecord(row, record, true, "cancel callback");
			});
		}));
	}

	/**
	 * incomplete: the SDK found a payment the app never finished. Pi's record decides:
	 * with a transaction it is completed through the same path as complete; without one
	 * it is cancelled so the user is unblocked. Like cancel, it is allowed anonymously,
	 * and an identified caller must be the payer.
	 */
	public Mono<HandshakeResult> incomplete(String rawPaymentId, Optional<Caller> caller) {
		return HandshakeChecks.paymentId(rawPaymentId)
			.flatMap(this.records::read)
			.flatMap(record -> HandshakeChecks.owned(record, caller))
			.flatMap(HandshakeChecks::userToApp)
			.flatMap(record -> this.records.store(record)
				.flatMap(row -> settleWithRecord(row, record, true, "incomplete callback")));
	}

	/**
	 * error: the SDK reported a client-side error; it is recorded in the payment's
	 * history.
	 */
	public Mono<HandshakeResult> recordClientError(String rawPaymentId, String error, Optional<Caller> caller) {
		return HandshakeChecks.paymentId(rawPaymentId)
			.flatMap(id -> this.records.ownedRow(id, caller))
			.flatMap(row -> this.ledger.note(row, "client error: " + error).then(done(row)));
	}

	public Flux<PaymentView> paymentsOf(Caller caller) {
		return this.ledger.findByUser(caller.uid(), LIST_LIMIT).map(this.views::of);
	}

	/**
	 * The caller's own payment; someone else's is reported as not found, to not reveal it
	 * exists.
	 */
	public Mono<PaymentView> paymentOf(Caller caller, String rawPaymentId) {
		return HandshakeChecks.paymentId(rawPaymentId)
			.flatMap(id -> this.ledger.find(id.value()))
			.filter(row -> row.userUid().equals(caller.uid()))
			.map(this.views::of)
			.switchIfEmpty(Mono.error(PaymentNotFoundException::create));
	}

	/**
	 * Brings a row in line with Pi's record: completed or cancelled on Pi means the same
	 * here; a transaction gets completed; with {@code cancelWithoutTransaction}, a
	 * payment with none is cancelled on Pi.
	 */
	Mono<HandshakeResult> settleWithRecord(LedgerPayment row, PiPayment record, boolean cancelWithoutTransaction,
			String why) {
		if (row.status().isTerminal()) {
			return done(row);
		}
		if (record.status().developerCompleted()) {
			return this.settlement
				.markCompleted(row, null, PaymentRecordService.txidOf(record), "completed on Pi (" + why + ")")
				.flatMap(this::done);
		}
		if (record.status().cancelled() || record.status().userCancelled()) {
			return this.settlement.markCancelled(row, null, "cancelled on Pi (" + why + ")").flatMap(this::done);
		}
		String txid = PaymentRecordService.txidOf(record);
		if (txid != null) {
			if (row.status() == PaymentStatus.CREATED) {
				return record.status().developerApproved()
						? this.records.approvedOnPi(row)
							.flatMap(approved -> this.completions.completeApproved(approved, txid))
						: Mono.just(HandshakeResult.inProgress(this.views.of(row)));
			}
			return this.completions.completeApproved(row, txid);
		}
		if (row.status() == PaymentStatus.CREATED && record.status().developerApproved()) {
			return this.records.approvedOnPi(row)
				.flatMap(approved -> cancelWithoutTransaction ? claimAndCancel(approved, why) : done(approved));
		}
		return cancelWithoutTransaction ? claimAndCancel(row, why) : done(row);
	}

	private Mono<HandshakeResult> claimAndCancel(LedgerPayment row, String why) {
		Claim claim = Claim.of(row.piPaymentId(), ClaimAction.CANCEL, this.clock.instant(),
				this.properties.claimTimeout());
		return this.ledger.claim(claim, row.status())
			.flatMap(claimed -> this.settlement.cancelWithPi(claimed, claim, "cancelled (" + why + ")"))
			.flatMap(this::done)
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId())
				.map(current -> HandshakeResult.inProgress(this.views.of(current)))));
	}

	private Mono<HandshakeResult> done(LedgerPayment row) {
		return Mono.just(HandshakeResult.done(this.views.of(row)));
	}

}
