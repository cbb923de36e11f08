package dev.piedge.proxy.filter;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Makes sure the path the route policy is decided on is the path the backend receives.
 * The gateway matches and forwards the raw path, so anything a backend might decode or
 * normalise differently is refused: encoded dots, separators and percent signs, dot
 * segments, empty segments and {@code ;} (which Tomcat and Spring MVC strip, as in
 * {@code /public/..;/admin}).
 */
@Component
class PathSafetyWebFilter implements WebFilter, Ordered {

	private static final String[] AMBIGUOUS_ENCODINGS = { "%2e", "%2f", "%5c", "%25", "%3b", "%00" };

	@Override
	public int getOrder() {
		return FilterOrders.PATH_SAFETY_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String problem = problemWith(exchange.getRequest().getURI().getRawPath());
		return (problem == null) ? chain.filter(exchange) : Mono.error(RejectedPathException.because(problem));
	}

	static String problemWith(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return null;
		}
		String lower = rawPath.toLowerCase(Locale.ROOT);
		for (String encoding : AMBIGUOUS_ENCODINGS) {
			if (lower.contains(encoding)) {
				return "The path contains the encoded character " + encoding.toUpperCase(Locale.ROOT) + ".";
			}
		}
		if (rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0) {
			return "The path contains ';' or '\\'.";
		}
		String[] segments = rawPath.split("/", -1);
		for (int i = 1; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.equals(".") || segment.equals("..")) {
				return "The path contains a dot segment.";
			}
			if (segment.isEmpty() && i < segments.length - 1) {
				return "The path contains an empty segment ('//').";
			}
		}
		return null;
	}

}
