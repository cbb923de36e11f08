package dev.piedge.proxy.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Removes every client-sent header that could pass for identity, on every request, public
 * routes included. Names are compared with case and {@code -}/{@code _} folded, because
 * some backends (nginx, CGI, WSGI) treat {@code X_Pi_Uid} as {@code X-Pi-Uid}; that gap
 * caused the oauth2-proxy and Traefik header CVEs.
 * <ul>
 * <li>anything starting with {@code x-pi-}: only the proxy may set these;</li>
 * <li>{@code X-Forwarded-*} and {@code Forwarded} spelled with underscores: the gateway's
 * trusted-proxy handling ({@code spring.cloud.gateway.server.webflux.trusted-proxies})
 * only knows the canonical spelling.</li>
 * </ul>
 */
@Component
class SpoofedHeaderWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return FilterOrders.SPOOFED_HEADER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> spoofed = spoofedHeaderNames(exchange.getRequest().getHeaders());
		if (spoofed.isEmpty()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(headers -> spoofed.forEach(headers::remove)))
			.build());
	}

	static List<String> spoofedHeaderNames(HttpHeaders headers) {
		List<String> spoofed = null;
		for (String name : headers.headerNames()) {
			if (isIdentityHeader(name) || (name.indexOf('_') >= 0 && isForwardedHeader(fold(name)))) {
				if (spoofed == null) {
					spoofed = new ArrayList<>(2);
				}
				spoofed.add(name);
			}
		}
		return (spoofed != null) ? spoofed : List.of();
	}

	/**
	 * {@code x-pi-} with case and {@code -}/{@code _} folded, checked without allocating
	 * on every request.
	 */
	static boolean isIdentityHeader(String name) {
		return name.length() >= 5 && (name.charAt(0) | 0x20) == 'x' && isDash(name.charAt(1))
				&& (name.charAt(2) | 0x20) == 'p' && (name.charAt(3) | 0x20) == 'i' && isDash(name.charAt(4));
	}

	private static boolean isForwardedHeader(String folded) {
		return folded.startsWith("x-forwarded-") || folded.equals("forwarded");
	}

	private static boolean isDash(char c) {
		return c == '-' || c == '_';
	}

	static String fold(String headerName) {
		return headerName.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
