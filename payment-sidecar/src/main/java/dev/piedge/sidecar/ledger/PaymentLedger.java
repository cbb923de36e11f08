package dev.piedge.sidecar.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The only writer of payments, whichever direction: it records them, hands out and takes
 * back {@link Claim}s, and makes every status change, each checked against
 * {@link AllowedTransition} and written with its history row in one statement. A move
 * that is not in the table fails with {@link IllegalTransitionException} before anything
 * is written.
 *
 * <p>
 * Whatever lost a race (a claim someone else holds, a status someone else changed, a
 * wrong claim token, another txid) comes back empty: the caller reads the payment again
 * and answers from what it finds.
 */
@Service
public class PaymentLedger {

	private final PaymentLedgerRepository repository;

	private final Clock clock;

	PaymentLedger(PaymentLedgerRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	public Mono<LedgerPayment> find(String piPaymentId) {
		return this.repository.find(piPaymentId);
	}

	/** The user's own payments, newest first. */
	public Flux<LedgerPayment> findByUser(String userUid, int limit) {
		return this.repository.findByUser(userUid, limit);
	}

	/**
	 * Records a payment in its direction's first status, with its first history row,
	 * unless it is recorded already; returns the row either way.
	 */
	public Mono<LedgerPayment> record(NewLedgerPayment payment, String reason) {
		return record(payment, reason, null);
	}

	/**
	 * Like {@link #record(NewLedgerPayment, String)}, with {@code claim} taken in the
	 * same statement if this call is the one that records it ({@link Claim#heldBy} says
	 * so).
	 */
	public Mono<LedgerPayment> record(NewLedgerPayment payment, String reason, Claim claim) {
		return AllowedTransition.initial(payment.direction())
			.map(status -> this.repository.record(payment, status, reason, claim, this.clock.instant())
				.switchIfEmpty(Mono.defer(() -> this.repository.find(payment.piPaymentId()))))
			.orElseGet(() -> Mono.error(IllegalTransitionException.noFirstStatus(payment.direction())));
	}

	/**
	 * Takes the claim if the payment is in {@code expected} status and no unexpired claim
	 * is held; empty otherwise.
	 */
	public Mono<LedgerPayment> claim(Claim claim, PaymentStatus expected) {
		return this.repository.claim(claim, expected, null, this.clock.instant());
	}

	/**
	 * Takes the claim and stores {@code txid} in the same statement; empty also when a
	 * different txid is stored.
	 */
	public Mono<LedgerPayment> claim(Claim claim, PaymentStatus expected, String txid) {
		return this.repository.claim(claim, expected, txid, this.clock.instant());
	}

	/** Gives a claim back without a move, so the payment can be retried. */
	public Mono<Void> release(Claim claim) {
		return this.repository.release(claim, this.clock.instant());
	}

	/**
	 * Makes the move with its history row (and webhook event); empty if the payment is no
	 * longer in {@code from}, the claim is not held, or another txid is stored.
	 */
	public Mono<LedgerPayment> move(Transition move) {
		if (!AllowedTransition.permits(move.direction(), move.from(), move.to())) {
			return Mono.error(IllegalTransitionException.of(move.direction(), move.from(), move.to()));
		}
		return this.repository.move(move, this.clock.instant());
	}

	/** Stores a txid learnt outside a claim, unless one is stored; empty if one was. */
	public Mono<LedgerPayment> storeTxid(String piPaymentId, String txid) {
		return this.repository.storeTxid(piPaymentId, txid, this.clock.instant());
	}

	/** Adds to the payment's history without changing its status. */
	public Mono<Void> note(LedgerPayment row, String reason) {
		return this.repository.note(row, reason, this.clock.instant());
	}

	/**
	 * Open payments of these directions that need converging: a claim that expired
	 * mid-call, or no change since {@code quietSince}.
	 */
	public Flux<LedgerPayment> findUnsettled(Set<PaymentDirection> directions, Instant quietSince, int limit) {
		return this.repository.findUnsettled(directions, this.clock.instant(), quietSince, limit);
	}

}
