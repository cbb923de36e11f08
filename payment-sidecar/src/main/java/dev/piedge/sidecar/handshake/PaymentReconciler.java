package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.time.Instant;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentLedgerRepository;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Converges payments left mid-flight (an instance died holding a claim, or a txid was
 * stored but Pi's complete never answered) with Pi's record: shortly after start-up and
 * then on a schedule. It completes what has a transaction and follows Pi on completed or
 * cancelled payments; it never cancels a payment the user may still be signing.
 */
@Component
class PaymentReconciler {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

	private final PaymentLedgerRepository ledger;

	private final PiPaymentsClient pi;

	private final HandshakeService handshake;

	private final HandshakeProperties properties;

	private final Clock clock;

	PaymentReconciler(PaymentLedgerRepository ledger, PiPaymentsClient pi, HandshakeService handshake,
			HandshakeProperties properties, Clock clock) {
		this.ledger = ledger;
		this.pi = pi;
		this.handshake = handshake;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${pi.payments.reconcile.initial-delay:3s}",
			fixedDelayString = "${pi.payments.reconcile.interval:30s}")
	Mono<Void> reconcile() {
		Instant now = this.clock.instant();
		return this.ledger
			.findUnsettled(now, now.minus(this.properties.reconcile().quietPeriod()),
					this.properties.reconcile().batchSize())
			.concatMap(this::converge)
			.then();
	}

	/**
	 * One payment; a failure is logged and left for the next run, never stopping the
	 * others.
	 */
	Mono<Void> converge(LedgerPayment row) {
		return this.pi.get(PaymentId.of(row.piPaymentId()))
			.flatMap(record -> this.handshake.settleWithRecord(row, record, false, "reconciler"))
			.doOnNext(result -> {
				if (!result.payment().status().equals(row.status().name())) {
					log.info("Reconciled payment {}: {} -> {}", row.piPaymentId(), row.status(),
							result.payment().status());
				}
			})
			.onErrorResume(ex -> {
				log.warn("Could not reconcile payment {} yet: {}", row.piPaymentId(), ex.toString());
				return Mono.empty();
			})
			.then();
	}

}
