package dev.piedge.proxy.session;

import dev.piedge.proxy.token.Credential;
import dev.piedge.proxy.token.IdentityService;
import dev.piedge.proxy.token.VerifiedIdentity;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * A live session cookie. Its identity is the one Pi verified last; when that check is
 * due, the session is checked with Pi again, and the response carries the renewed cookie,
 * or clears it when Pi has ended the session (which then counts as no credential).
 */
final class SessionCredential implements Credential {

	private final BrowserSession session;

	private final SessionService sessions;

	private final ServerWebExchange exchange;

	SessionCredential(BrowserSession session, SessionService sessions, ServerWebExchange exchange) {
		this.session = session;
		this.sessions = sessions;
		this.exchange = exchange;
	}

	@Override
	public Source source() {
		return Source.SESSION_COOKIE;
	}

	@Override
	public Mono<VerifiedIdentity> verify(IdentityService identities) {
		// The session service verifies through the same identity service.
		return this.sessions.revalidate(this.session, this.exchange.getResponse()).map(BrowserSession::identity);
	}

	@Override
	public String toString() {
		return "SessionCredential[" + this.session + "]";
	}

}
