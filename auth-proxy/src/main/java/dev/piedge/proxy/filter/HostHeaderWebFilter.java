package dev.piedge.proxy.filter;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses a request with several {@code Host} lines or a malformed one. Netty accepts
 * both and the proxy would use the first, while {@code X-Forwarded-Host}, a preserved
 * {@code Host} and the backend's own virtual hosts may see another.
 */
@Component
class HostHeaderWebFilter implements WebFilter, Ordered {

	/** An IP literal or a registered name (RFC 3986), then an optional port. */
	private static final Pattern HOST = Pattern
		.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:[0-9]{1,5})?");

	@Override
	public int getOrder() {
		return FilterOrders.HOST_HEADER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> hosts = exchange.getRequest().getHeaders().get(HttpHeaders.HOST);
		if (hosts == null) {
			return chain.filter(exchange);
		}
		if (hosts.size() > 1) {
			return Mono.error(InvalidHostException.repeated());
		}
		return HOST.matcher(hosts.get(0)).matches() ? chain.filter(exchange)
				: Mono.error(InvalidHostException.malformed());
	}

}
