package dev.piedge.sidecar.ledger;

import reactor.core.publisher.Mono;

/**
 * Brings one open payment of its direction in line with Pi's record (and, for payouts,
 * the blockchain's): what the reconciler calls, shortly after start-up and then on a
 * schedule, for each payment left mid-flight. One bean per direction; the reconciler
 * looks only at the directions that have one.
 */
public interface PaymentConverger {

	PaymentDirection direction();

	/**
	 * Converges the payment; an error is logged by the reconciler and the payment is
	 * tried again on its next run.
	 */
	Mono<Void> converge(LedgerPayment row);

}
