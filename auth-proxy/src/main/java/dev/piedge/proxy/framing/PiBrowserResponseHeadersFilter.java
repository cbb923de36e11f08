package dev.piedge.proxy.framing;

import java.util.ArrayList;
import java.util.List;

import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.filter.FilterOrders;
import dev.piedge.proxy.route.RoutePolicyService;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Makes a legacy backend's responses work inside the Pi Browser, which shows every app in
 * a cross-site iframe, on routes with {@code pi-browser} on (the default):
 * <ul>
 * <li>{@code X-Frame-Options} is dropped: {@code DENY} or {@code SAMEORIGIN} would keep
 * the app from showing at all, and CSP3 declares that {@code frame-ancestors}, which says
 * who may frame it, "obsoletes the X-Frame-Options header";</li>
 * <li>{@code frame-ancestors} with the Pi Browser's parents is merged into the backend's
 * {@code Content-Security-Policy} ({@link FrameAncestorsPolicy}), or is the policy when
 * there is none. {@code Content-Security-Policy-Report-Only} is left alone: it blocks
 * nothing;</li>
 * <li>in production cookie mode, with {@code pi.browser.rewrite-backend-cookies}, each
 * {@code Set-Cookie} becomes {@code SameSite=None; Secure; Partitioned}
 * ({@link SetCookieRewriter}). In development mode (plain http) they are left as they
 * are: browsers drop a {@code SameSite=None} cookie without {@code Secure}, and a
 * {@code Secure} one that arrives over plain http.</li>
 * </ul>
 * Only the backend's headers pass here (a gateway response header filter); the proxy's
 * own answers do not. Routes with {@code pi-browser: false} pass them untouched.
 */
@Component
class PiBrowserResponseHeadersFilter implements HttpHeadersFilter, Ordered {

	static final String X_FRAME_OPTIONS = "X-Frame-Options";

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	private final RoutePolicyService policies;

	private final FrameAncestorsPolicy frameAncestors;

	private final boolean rewriteCookies;

	PiBrowserResponseHeadersFilter(RoutePolicyService policies, FrameAncestorsPolicy frameAncestors,
			BrowserProperties browser) {
		this.policies = policies;
		this.frameAncestors = frameAncestors;
		this.rewriteCookies = browser.rewriteBackendCookies() && browser.session().cookie().secure();
	}

	@Override
	public int getOrder() {
		return FilterOrders.PI_BROWSER_RESPONSE_HEADERS_ORDER;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
		if (route == null || !this.policies.policyFor(route).piBrowser()) {
			return input;
		}
		// The routing filter copies the backend's headers into a map of its own for these
		// filters, so they are changed in place rather than copied once more.
		input.remove(X_FRAME_OPTIONS);
		List<String> policies = input.get(CONTENT_SECURITY_POLICY);
		input.put(CONTENT_SECURITY_POLICY, this.frameAncestors.applyTo((policies != null) ? policies : List.of()));
		List<String> cookies = input.get(HttpHeaders.SET_COOKIE);
		if (this.rewriteCookies && cookies != null) {
			List<String> rewritten = new ArrayList<>(cookies.size());
			cookies.forEach(cookie -> rewritten.add(SetCookieRewriter.crossSite(cookie)));
			input.put(HttpHeaders.SET_COOKIE, rewritten);
		}
		return input;
	}

}
