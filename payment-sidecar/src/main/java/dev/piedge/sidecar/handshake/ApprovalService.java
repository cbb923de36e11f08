package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.util.Optional;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.problem.ProblemException;
import dev.piedge.sidecar.checkout.CheckoutPayments;
import dev.piedge.sidecar.checkout.CheckoutRefusedException;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.ledger.Claim;
import dev.piedge.sidecar.ledger.ClaimAction;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.ledger.Transition;
import dev.piedge.sidecar.order.OrderVerdict;
import dev.piedge.sidecar.order.OrderVerifier;
import dev.piedge.sidecar.pi.PiPaymentsClient;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The approve callback: only the paying user, only for a payment of the app's direction
 * and network that order verification accepts, and Pi's approve at most once, under a
 * claim.
 */
@Service
class ApprovalService {

	private final PaymentLedger ledger;

	private final PaymentRecordService records;

	private final PiPaymentsClient pi;

	private final OrderVerifier orders;

	private final SettlementService settlement;

	private final CheckoutPayments checkout;

	private final PaymentViews views;

	private final HandshakeProperties properties;

	private final Clock clock;

	ApprovalService(PaymentLedger ledger, PaymentRecordService records, PiPaymentsClient pi, OrderVerifier orders,
			CheckoutPayments checkout, SettlementService settlement, PaymentViews views, HandshakeProperties properties,
			Clock clock) {
		this.ledger = ledger;
		this.records = records;
		this.pi = pi;
		this.orders = orders;
		this.checkout = checkout;
		this.settlement = settlement;
		this.views = views;
		this.properties = properties;
		this.clock = clock;
	}

	Mono<HandshakeResult> approve(String rawPaymentId, Optional<Caller> caller) {
		return HandshakeChecks.paymentId(rawPaymentId).flatMap(id -> {
			if (caller.isEmpty()) {
				return Mono.error(CallerRequiredException.create());
			}
			return this.ledger.find(id.value())
				.flatMap(row -> settled(row, caller))
				.switchIfEmpty(Mono.defer(() -> this.records.read(id)
					.flatMap(record -> HandshakeChecks.owned(record, caller))
					.flatMap(HandshakeChecks::userToApp)
					.flatMap(record -> fromRecord(id, record, caller))));
		});
	}

	/**
	 * An answer from the ledger alone, or empty while the payment still awaits approval.
	 */
	private Mono<HandshakeResult> settled(LedgerPayment row, Optional<Caller> caller) {
		return HandshakeChecks.owned(row, caller).flatMap(HandshakeChecks::userToApp).flatMap(owned -> {
			switch (owned.status()) {
				case APPROVED:
				case COMPLETED:
					return Mono.just(HandshakeResult.done(this.views.of(owned)));
				case REJECTED:
					return Mono.error(CheckoutRefusedException.fromReason(owned.failureReason())
						.<ProblemException>map(refusal -> refusal)
						.orElseGet(() -> OrderMismatchException.because(owned.failureReason())));
				case CREATED:
					return Mono.empty();
				default:
					return Mono.error(HandshakeChecks.closed(owned));
			}
		});
	}

	/**
	 * A payment that still needs our approve is recorded already claimed, which saves a
	 * round trip; one recorded before, or by a concurrent callback, is claimed on its
	 * own.
	 */
	private Mono<HandshakeResult> fromRecord(PaymentId id, PiPayment record, Optional<Caller> caller) {
		Claim claim = Claim.of(id.value(), ClaimAction.APPROVE, this.clock.instant(), this.properties.claimTimeout());
		boolean cancelledOnPi = record.status().cancelled() || record.status().userCancelled();
		boolean approvedOnPi = record.status().developerApproved();
		Mono<LedgerPayment> stored = (cancelledOnPi || approvedOnPi) ? this.records.store(record)
				: this.records.store(record, claim);
		return stored.flatMap(row -> {
			if (claim.heldBy(row)) {
				return verifyThenApprove(row, record, claim);
			}
			if (row.status() != PaymentStatus.CREATED) {
				return settled(row, caller);
			}
			if (cancelledOnPi) {
				return this.settlement.markCancelled(row, null, "cancelled on Pi before approval")
					.then(Mono.error(HandshakeChecks.closed(PaymentStatus.CANCELLED)));
			}
			if (approvedOnPi) {
				return this.records.approvedOnPi(row).map(approved -> HandshakeResult.done(this.views.of(approved)));
			}
			return this.ledger.claim(claim, PaymentStatus.CREATED)
				.flatMap(claimed -> verifyThenApprove(claimed, record, claim))
				.switchIfEmpty(Mono.defer(() -> this.ledger.find(id.value())
					.flatMap(current -> (current.status() == PaymentStatus.CREATED)
							? Mono.just(HandshakeResult.inProgress(this.views.of(current)))
							: settled(current, caller))));
		});
	}

	/**
	 * A checkout payment is checked against its session instead of order verification
	 * (its metadata names no product), and attached to it before Pi's approve.
	 */
	private Mono<HandshakeResult> verifyThenApprove(LedgerPayment claimed, PiPayment record, Claim claim) {
		Optional<String> session = CheckoutPayments.sessionOf(record.metadata());
		if (session.isPresent()) {
			return this.checkout.approving(record, session.get())
				.onErrorResume(CheckoutRefusedException.class,
						refusal -> this.ledger
							.move(Transition.of(claimed, PaymentStatus.REJECTED, refusal.reason()).underClaim(claim))
							.then(Mono.error(refusal)))
				.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> this.settlement.giveBack(claim, ex))
				.then(Mono.defer(() -> approveOnPi(claimed, claim)));
		}
		String mismatch = directionOrNetworkMismatch(record);
		Mono<OrderVerdict> verdict = (mismatch != null) ? Mono.just(OrderVerdict.refuse(mismatch))
				: this.orders.verify(record);
		return verdict.flatMap(decision -> decision.accepted() ? approveOnPi(claimed, claim)
				: reject(claimed, claim, decision.reason()));
	}

	private Mono<HandshakeResult> reject(LedgerPayment claimed, Claim claim, String reason) {
		return this.ledger.move(Transition.of(claimed, PaymentStatus.REJECTED, reason).underClaim(claim))
			.then(Mono.error(OrderMismatchException.because(reason)));
	}

	private Mono<HandshakeResult> approveOnPi(LedgerPayment claimed, Claim claim) {
		return this.pi.approve(PaymentId.of(claimed.piPaymentId()))
			.then(Mono.defer(() -> this.ledger
				.move(Transition.of(claimed, PaymentStatus.APPROVED, "approved on Pi").underClaim(claim))))
			.map(approved -> HandshakeResult.done(this.views.of(approved)))
			.onErrorResume(PiApiErrorException.class,
					ex -> PiErrorCodes.CANCELLED_PAYMENT.equals(ex.code())
							? this.settlement.markCancelled(claimed, claim, "Pi: " + PiErrorCodes.CANCELLED_PAYMENT)
								.then(Mono.error(HandshakeChecks.closed(PaymentStatus.CANCELLED)))
							: this.settlement.giveBack(claim, ex))
			.onErrorResume(ex -> !(ex instanceof ProblemException), ex -> this.settlement.giveBack(claim, ex));
	}

	/**
	 * Fails closed: a record that does not state the app's direction and network is
	 * refused.
	 */
	private String directionOrNetworkMismatch(PiPayment record) {
		String userToApp = PaymentDirection.USER_TO_APP.column();
		if (!userToApp.equals(record.direction())) {
			return "direction is " + record.direction() + ", not " + userToApp;
		}
		if (!this.properties.network().equals(record.network())) {
			return "network is " + record.network() + ", not " + this.properties.network();
		}
		return null;
	}

}
