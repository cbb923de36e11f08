package dev.piedge.sidecar.handshake;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentConverger;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.ledger.PaymentLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Converges payments left mid-flight (an instance died holding a claim, or a txid was
 * stored but Pi's complete never answered): shortly after start-up and then on a
 * schedule, each open payment is handed to the {@link PaymentConverger} of its direction.
 * Directions without one are left alone.
 */
@Component
class PaymentReconciler {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);

	private final PaymentLedger ledger;

	private final Map<PaymentDirection, PaymentConverger> convergers = new EnumMap<>(PaymentDirection.class);

	private final HandshakeProperties properties;

	private final Clock clock;

	PaymentReconciler(PaymentLedger ledger, List<PaymentConverger> convergers, HandshakeProperties properties,
			Clock clock) {
		this.ledger = ledger;
		for (PaymentConverger converger : convergers) {
			if (this.convergers.putIfAbsent(converger.direction(), converger) != null) {
				throw new IllegalStateException("Two PaymentConvergers for " + converger.direction().column()
						+ " payments: " + this.convergers.get(converger.direction()) + " and " + converger);
			}
		}
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${pi.payments.reconcile.initial-delay:3s}",
			fixedDelayString = "${pi.payments.reconcile.interval:30s}")
	Mono<Void> reconcile() {
		Instant now = this.clock.instant();
		return this.ledger
			.findUnsettled(this.convergers.keySet(), now.minus(this.properties.reconcile().quietPeriod()),
					this.properties.reconcile().batchSize())
			.concatMap(this::converge)
			.then();
	}

	/**
	 * One payment; a failure is logged and left for the next run, never stopping the
	 * others.
	 */
	private Mono<Void> converge(LedgerPayment row) {
		return this.convergers.get(row.paymentDirection()).converge(row).onErrorResume(ex -> {
			log.warn("Could not reconcile payment {} yet: {}", row.piPaymentId(), ex.toString());
			return Mono.empty();
		});
	}

}
