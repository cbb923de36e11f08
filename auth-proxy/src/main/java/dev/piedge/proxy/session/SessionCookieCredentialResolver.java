package dev.piedge.proxy.session;

import java.util.Optional;

import dev.piedge.proxy.browser.RequestOrigins;
import dev.piedge.proxy.token.Credential;
import dev.piedge.proxy.token.CredentialResolver;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * pi-edge's session cookie, after the {@code Authorization} header and the payment body,
 * so a bearer token always wins. A tampered, foreign-keyed or expired cookie counts as no
 * cookie (and is cleared). A state-changing request ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE}, anything but {@code GET}/{@code HEAD}/{@code OPTIONS})
 * with the cookie must come from the proxy's own origin or a trusted one, or it is
 * refused with 403 {@code csrf_rejected}: the cookie is {@code SameSite=None} (the Pi
 * Browser frames the app cross-site), so the browser sends it with another site's
 * requests too.
 */
@Component
@Order(CredentialResolver.SESSION_COOKIE_ORDER)
class SessionCookieCredentialResolver implements CredentialResolver {

	private final SessionCookieService cookies;

	private final SessionService sessions;

	private final RequestOrigins origins;

	SessionCookieCredentialResolver(SessionCookieService cookies, SessionService sessions, RequestOrigins origins) {
		this.cookies = cookies;
		this.sessions = sessions;
		this.origins = origins;
	}

	@Override
	public Optional<Credential> resolve(ServerWebExchange exchange) {
		if (!this.cookies.sent(exchange.getRequest())) {
			return Optional.empty();
		}
		Optional<BrowserSession> session = this.cookies.read(exchange.getRequest());
		if (session.isEmpty()) {
			this.cookies.clear(exchange.getResponse());
			return Optional.empty();
		}
		if (changesState(exchange.getRequest().getMethod())
				&& !this.origins.fromOwnOrTrustedOrigin(exchange.getRequest())) {
			throw CsrfRejectedException.create();
		}
		return Optional.of(new SessionCredential(session.get(), this.sessions, exchange));
	}

	private static boolean changesState(HttpMethod method) {
		return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
	}

}
