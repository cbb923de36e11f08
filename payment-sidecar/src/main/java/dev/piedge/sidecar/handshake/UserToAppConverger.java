package dev.piedge.sidecar.handshake;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.PaymentConverger;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The reconciler's work on a User-to-App payment: follow Pi's record. It completes what
 * has a transaction and follows Pi on completed or cancelled payments; it never cancels a
 * payment the user may still be signing.
 */
@Component
class UserToAppConverger implements PaymentConverger {

	private static final Logger log = LoggerFactory.getLogger(UserToAppConverger.class);

	private final PiPaymentsClient pi;

	private final HandshakeService handshake;

	UserToAppConverger(PiPaymentsClient pi, HandshakeService handshake) {
		this.pi = pi;
		this.handshake = handshake;
	}

	@Override
	public PaymentDirection direction() {
		return PaymentDirection.USER_TO_APP;
	}

	@Override
	public Mono<Void> converge(LedgerPayment row) {
		return this.pi.get(PaymentId.of(row.piPaymentId()))
			.flatMap(record -> this.handshake.settleWithRecord(row, record, false, "reconciler"))
			.doOnNext(result -> {
				if (!result.payment().status().equals(row.status().name())) {
					log.info("Reconciled payment {}: {} -> {}", row.piPaymentId(), row.status(),
							result.payment().status());
				}
			})
			.then();
	}

}
