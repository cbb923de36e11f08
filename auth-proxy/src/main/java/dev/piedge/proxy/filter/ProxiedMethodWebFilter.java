package dev.piedge.proxy.filter;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses {@code CONNECT} and {@code TRACE} on every path, routed or not. Forwarded, a
 * {@code CONNECT} left the client with an empty 200 and a connection nobody would speak
 * on, which desynchronised pipelined requests; a {@code TRACE} would reflect the
 * forwarded identity headers back to the caller.
 */
@Component
class ProxiedMethodWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return FilterOrders.PROXIED_METHOD_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (HttpMethod.TRACE.equals(method) || "CONNECT".equals(method.name())) {
			return Mono.error(MethodNotProxiedException.of(method.name()));
		}
		return chain.filter(exchange);
	}

}
