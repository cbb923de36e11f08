package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.util.Optional;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.sidecar.checkout.CheckoutPayments;
import dev.piedge.sidecar.error.SidecarProblemCode;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.Claim;
import dev.piedge.sidecar.ledger.ClaimAction;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The complete callback, and completion wherever else it is needed (incomplete, the
 * reconciler): the txid is stored with the claim, before Pi is asked, and Pi's complete
 * happens at most once.
 */
@Service
class CompletionService {

	private final PaymentLedger ledger;

	private final PaymentRecordService records;

	private final SettlementService settlement;

	private final CheckoutPayments checkout;

	private final PaymentViews views;

	private final HandshakeProperties properties;

	private final Clock clock;

	CompletionService(PaymentLedger ledger, PaymentRecordService records, SettlementService settlement,
			CheckoutPayments checkout, PaymentViews views, HandshakeProperties properties, Clock clock) {
		this.ledger = ledger;
		this.records = records;
		this.settlement = settlement;
		this.checkout = checkout;
		this.views = views;
		this.properties = properties;
		this.clock = clock;
	}

	Mono<HandshakeResult> complete(String rawPaymentId, String rawTxid, Optional<Caller> caller) {
		return HandshakeChecks.paymentId(rawPaymentId)
			.zipWith(HandshakeChecks.txid(rawTxid))
			.flatMap(ids -> this.records.ownedRow(ids.getT1(), caller).flatMap(row -> {
				String txid = ids.getT2().value();
				switch (row.status()) {
					case COMPLETED:
						return txid.equals(row.txid()) ? done(row)
								: Mono.error(HandshakeChecks.txidConflict(row.status()));
					case APPROVED:
						return completeApproved(row, txid);
					case CREATED:
						return this.records.read(ids.getT1())
							.flatMap(record -> record.status().developerApproved()
									? this.records.approvedOnPi(row)
										.flatMap(approved -> completeApproved(approved, txid))
									: Mono
										.error(PaymentStateConflictException.of(SidecarProblemCode.PAYMENT_NOT_APPROVED,
												"The payment has not been approved yet.", row.status())));
					default:
						return Mono.error(HandshakeChecks.closed(row));
				}
			}));
	}

	/**
	 * Claims an approved payment with its txid stored, then asks Pi to complete it. A
	 * checkout payment's fresh Pi record must still match its session, and carry this
	 * txid, before anything is stored.
	 */
	Mono<HandshakeResult> completeApproved(LedgerPayment row, String txid) {
		if (row.txid() != null && !row.txid().equals(txid)) {
			return Mono.error(HandshakeChecks.txidConflict(row.status()));
		}
		return CheckoutPayments.sessionOf(this.views.metadata(row))
			.map(session -> this.records.read(PaymentId.of(row.piPaymentId()))
				.flatMap(record -> this.checkout.completing(record, session, txid)))
			.orElseGet(Mono::empty)
			.then(Mono.defer(() -> claimAndComplete(row, txid)));
	}

	private Mono<HandshakeResult> claimAndComplete(LedgerPayment row, String txid) {
		Claim claim = Claim.of(row.piPaymentId(), ClaimAction.COMPLETE, this.clock.instant(),
				this.properties.claimTimeout());
		return this.ledger.claim(claim, PaymentStatus.APPROVED, txid)
			.flatMap(claimed -> this.settlement.completeWithPi(claimed, claim, txid))
			.flatMap(this::done)
			.switchIfEmpty(Mono.defer(() -> this.ledger.find(row.piPaymentId()).flatMap(current -> {
				if (current.txid() != null && !current.txid().equals(txid)) {
					return Mono.error(HandshakeChecks.txidConflict(current.status()));
				}
				if (current.status() == PaymentStatus.COMPLETED) {
					return done(current);
				}
				return current.status().isTerminal() ? Mono.error(HandshakeChecks.closed(current))
						: Mono.just(HandshakeResult.inProgress(this.views.of(current)));
			})));
	}

	private Mono<HandshakeResult> done(LedgerPayment row) {
		return Mono.just(HandshakeResult.done(this.views.of(row)));
	}

}
