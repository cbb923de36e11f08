package dev.piedge.proxy.payment;

import java.util.function.Predicate;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code - PiPaymentPath=}: matches every request with a {@code pi_payment} path segment
 * at any depth, so the payment route owns that whole namespace and nothing under it falls
 * through to another route. Pair it with the {@code PiPaymentPath} filter, which maps the
 * path to the sidecar's endpoint or refuses it.
 * <p>
 * The standard {@code Path} predicate cannot say this: Spring 7's {@code PathPattern}
 * accepts a leading {@code /**}{@code /} but only one {@code **} per pattern, and it
 * compares decoded segments, so {@code /pi%5Fpayment/approve} would match a pattern the
 * forwarded raw path does not.
 */
@Component
class PiPaymentPathRoutePredicateFactory extends AbstractRoutePredicateFactory<Object> {

	PiPaymentPathRoutePredicateFactory() {
		super(Object.class);
	}

	@Override
	public Predicate<ServerWebExchange> apply(Object unused) {
		return new GatewayPredicate() {

			@Override
			public boolean test(ServerWebExchange exchange) {
				return PiPaymentEndpoint.inNamespace(exchange.getRequest().getURI().getRawPath());
			}

			@Override
			public String toString() {
				return "PiPaymentPath: any path with a '" + PiPaymentEndpoint.SEGMENT + "' segment";
			}

		};
	}

}
