package dev.piedge.sidecar.order;

import dev.piedge.pi.client.PiPayment;

import reactor.core.publisher.Mono;

/**
 * Decides whether a payment, as Pi's own record describes it, is for something the shop
 * sells.
 */
public interface OrderVerifier {

	Mono<OrderVerdict> verify(PiPayment payment);

}
