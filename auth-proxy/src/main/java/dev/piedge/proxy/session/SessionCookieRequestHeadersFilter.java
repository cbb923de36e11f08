package dev.piedge.proxy.session;

import java.util.ArrayList;
import java.util.List;

import dev.piedge.proxy.filter.FilterOrders;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps pi-edge's session cookie from the backend: it is the proxy's credential (it seals
 * the user's Pi token), not the app's, and a backend that never holds it cannot leak or
 * replay it. The backend's own cookies pass untouched; the identity comes in
 * {@code X-Pi-Uid} and {@code X-Pi-Identity}.
 */
@Component
class SessionCookieRequestHeadersFilter implements HttpHeadersFilter, Ordered {

	private final String prefix;

	SessionCookieRequestHeadersFilter(SessionCookieService cookies) {
		this.prefix = cookies.name() + "=";
	}

	@Override
	public int getOrder() {
		return FilterOrders.SESSION_COOKIE_HEADERS_ORDER;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		List<String> cookies = input.get(HttpHeaders.COOKIE);
		if (cookies == null || cookies.stream().noneMatch(value -> value.contains(this.prefix))) {
			return input;
		}
		List<String> kept = new ArrayList<>();
		for (String header : cookies) {
			List<String> pairs = new ArrayList<>();
			for (String pair : header.split(";")) {
				String trimmed = pair.strip();
				if (!trimmed.isEmpty() && !trimmed.startsWith(this.prefix)) {
					pairs.add(trimmed);
				}
			}
			if (!pairs.isEmpty()) {
				kept.add(String.join("; ", pairs));
			}
		}
		// An earlier filter that changed anything handed on its own copy; the request's
		// headers stay untouched.
		HttpHeaders filtered = (input == exchange.getRequest().getHeaders()) ? HttpHeaders.copyOf(input) : input;
		if (kept.isEmpty()) {
			filtered.remove(HttpHeaders.COOKIE);
		}
		else {
			filtered.put(HttpHeaders.COOKIE, kept);
		}
		return filtered;
	}

}
