package dev.piedge.proxy.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Applies the client's {@code Connection} header to the client's own request, at the
 * edge. The header names fields that belong to the client's hop (RFC 9110, section
 * 7.6.1). The gateway applies it only when it forwards, to the request pi-edge has built
 * by then, so {@code Connection: X-Pi-Uid} used to remove the identity pi-edge had just
 * added, and {@code Connection: X-Forwarded-For} the address it had recorded. Here the
 * named fields are dropped from what the client sent, and {@code Connection} keeps only
 * the options that name the gateway's own hop-by-hop headers (or none, like
 * {@code close}), so the gateway's later pass can remove nothing pi-edge added.
 * <p>
 * {@code Host} and {@code Content-Length} frame and route the request; a client cannot
 * make the proxy drop them, so naming them has no effect.
 */
@Component
class ConnectionOptionsWebFilter implements WebFilter, Ordered {

	private static final Set<String> NEVER_DROPPED = Set.of("host", "content-length");

	/** Options that name no header, or one the gateway drops on every request anyway. */
	private final Set<String> hopByHop;

	ConnectionOptionsWebFilter(RemoveHopByHopHeadersFilter gatewayHopByHop) {
		this.hopByHop = Set.copyOf(gatewayHopByHop.getHeaders());
	}

	@Override
	public int getOrder() {
		return FilterOrders.CONNECTION_OPTIONS_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!headers.containsHeader(HttpHeaders.CONNECTION)) {
			return chain.filter(exchange);
		}
		List<String> options = headers.getConnection();
		List<String> named = new ArrayList<>();
		List<String> kept = new ArrayList<>(options.size());
		for (String option : options) {
			String name = option.trim().toLowerCase(Locale.ROOT);
			if (name.equals("close") || this.hopByHop.contains(name)) {
				kept.add(name);
			}
			else if (!name.isEmpty() && !NEVER_DROPPED.contains(name)) {
				named.add(name);
			}
		}
		if (kept.size() == options.size()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(request -> request.headers(mutable -> {
			named.forEach(mutable::remove);
			if (kept.isEmpty()) {
				mutable.remove(HttpHeaders.CONNECTION);
			}
			else {
				mutable.setConnection(kept);
			}
		})).build());
	}

}
