package dev.piedge.proxy.payment;

import dev.piedge.proxy.filter.FilterOrders;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * {@code - PiPaymentPath}: rewrites {@code …/pi_payment/<endpoint>} and
 * {@code …/api/pi_payment/<endpoint>} at any depth to the sidecar's
 * {@code /pi_payment/<endpoint>}, keeping the query. Any other path fails with
 * {@link UnknownPaymentEndpointException} (404), so the sidecar only ever sees its own
 * endpoints.
 * <p>
 * It runs before the body token is read and before Pi is asked
 * ({@link FilterOrders#PI_PAYMENT_PATH_ORDER}), so an unknown endpoint costs neither.
 */
@Component
class PiPaymentPathGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	PiPaymentPathGatewayFilterFactory() {
		super(Object.class);
	}

	@Override
	public GatewayFilter apply(Object unused) {
		GatewayFilter rewrite = (exchange, chain) -> {
			ServerHttpRequest request = exchange.getRequest();
			return PiPaymentEndpoint.of(request.getURI().getRawPath()).map(endpoint -> {
				ServerWebExchangeUtils.addOriginalRequestUrl(exchange, request.getURI());
				ServerHttpRequest rewritten = request.mutate().path(endpoint.sidecarPath()).build();
				return chain.filter(exchange.mutate().request(rewritten).build());
			}).orElseGet(() -> Mono.error(UnknownPaymentEndpointException.create()));
		};
		return new OrderedGatewayFilter(rewrite, FilterOrders.PI_PAYMENT_PATH_ORDER);
	}

}
