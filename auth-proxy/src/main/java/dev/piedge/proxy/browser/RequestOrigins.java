package dev.piedge.proxy.browser;

import java.util.List;
import java.util.Locale;

import dev.piedge.proxy.filter.TrustedProxyPeers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Decides whether a browser request comes from the proxy's own pages (or an origin the
 * operator trusts), the check that keeps another site from using a visitor's session
 * cookie (CSRF, and login CSRF at sign-in). The browser's own word is taken, since page
 * scripts cannot forge it:
 * <ol>
 * <li>{@code Sec-Fetch-Site: same-origin} passes;</li>
 * <li>otherwise the one {@code Origin} header must be the proxy's public origin or one of
 * {@code pi.browser.trusted-origins};</li>
 * <li>anything else is refused, a missing {@code Origin} included: every current browser
 * sends one with a cross-origin request and with every {@code POST}.</li>
 * </ol>
 * The public origin is {@code pi.browser.public-origin} when set; otherwise the scheme
 * and {@code Host} the request arrived with, or the {@code X-Forwarded-Proto} and
 * {@code -Host} of a trusted proxy (a load balancer ending TLS).
 */
@Component
public class RequestOrigins {

	private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	private final BrowserProperties properties;

	private final TrustedProxyPeers trustedPeers;

	public RequestOrigins(BrowserProperties properties, TrustedProxyPeers trustedPeers) {
		this.properties = properties;
		this.trustedPeers = trustedPeers;
	}

	/** Whether the request comes from the proxy's own origin or a trusted one. */
	public boolean fromOwnOrTrustedOrigin(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		List<String> site = headers.get(SEC_FETCH_SITE);
		if (site != null && site.size() == 1 && "same-origin".equals(site.get(0))) {
			return true;
		}
		List<String> origins = headers.get(HttpHeaders.ORIGIN);
		if (origins == null || origins.size() != 1) {
			return false;
		}
		String origin = origins.get(0).strip().toLowerCase(Locale.ROOT);
		return origin.equals(publicOrigin(request)) || this.properties.trusts(origin);
	}

	/** The proxy's origin as the browser sees it, lower case, without a default port. */
	public String publicOrigin(ServerHttpRequest request) {
		if (this.properties.publicOrigin() != null) {
			return this.properties.publicOrigin().toString();
		}
		HttpHeaders headers = request.getHeaders();
		String scheme = request.getURI().getScheme();
		String host = headers.getFirst(HttpHeaders.HOST);
		if (this.trustedPeers.isTrusted(request)) {
			scheme = firstValue(headers.getFirst("X-Forwarded-Proto"), scheme);
			host = firstValue(headers.getFirst("X-Forwarded-Host"), host);
		}
		if (host == null || scheme == null) {
			return "";
		}
		String origin = (scheme + "://" + host).toLowerCase(Locale.ROOT);
		return withoutDefaultPort(origin);
	}

	/** The first of a comma-separated list (each proxy appends its own). */
	private static String firstValue(String list, String fallback) {
		if (list == null || list.isBlank()) {
			return fallback;
		}
		int comma = list.indexOf(',');
		return ((comma >= 0) ? list.substring(0, comma) : list).strip();
	}

	private static String withoutDefaultPort(String origin) {
		if (origin.startsWith("https://") && origin.endsWith(":443")) {
			return origin.substring(0, origin.length() - 4);
		}
		if (origin.startsWith("http://") && origin.endsWith(":80")) {
			return origin.substring(0, origin.length() - 3);
		}
		return origin;
	}

}
