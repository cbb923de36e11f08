package dev.piedge.proxy.filter;

import dev.piedge.proxy.token.VerifiedIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * One line per request on the {@code pi-edge.access} logger: method, path (never the
 * query, which may carry secrets), route, status, latency to the response headers, and
 * uid. Never the token.
 */
@Component
class AccessLogWebFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("pi-edge.access");

	@Override
	public int getOrder() {
		return FilterOrders.ACCESS_LOG_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!log.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		exchange.getResponse().beforeCommit(() -> {
			log.info("method={} path={} route={} status={} latency_ms={} uid={}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), routeId(exchange), status(exchange),
					(System.nanoTime() - start) / 1_000_000, uid(exchange));
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private static String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "-";
	}

	private static String status(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? Integer.toString(status.value()) : "200";
	}

	private static String uid(ServerWebExchange exchange) {
		VerifiedIdentity identity = exchange.getAttribute(PiAuthenticationGlobalFilter.IDENTITY_ATTR);
		return (identity != null) ? identity.uid() : "-";
	}

}
