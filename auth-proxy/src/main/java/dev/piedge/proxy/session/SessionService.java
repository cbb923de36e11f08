package dev.piedge.proxy.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.token.IdentityProviderUnavailableException;
import dev.piedge.proxy.token.IdentityService;
import dev.piedge.proxy.token.InvalidTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Starts browser sessions and keeps them honest. A session starts from a Pi access token
 * verified like any bearer token (identity cache, one in-flight call per token, 503 when
 * Pi is down). After that the sealed token is checked with Pi again whenever the last
 * check is older than {@code pi.browser.session.revalidate}:
 * <ul>
 * <li>Pi verifies it: the session goes on, with a new check time (a new cookie);</li>
 * <li>Pi rejects it: the session ends at once (its cookie is cleared);</li>
 * <li>Pi cannot answer: the session keeps working until {@code revalidate-grace} past the
 * due check, then fails closed with 503.</li>
 * </ul>
 */
@Service
class SessionService {

	private static final Logger log = LoggerFactory.getLogger(SessionService.class);

	private final IdentityService identities;

	private final BrowserProperties.Session properties;

	private final SessionCookieService cookies;

	private final Clock clock;

	SessionService(IdentityService identities, BrowserProperties properties, SessionCookieService cookies,
			Clock clock) {
		this.identities = identities;
		this.properties = properties.session();
		this.cookies = cookies;
		this.clock = clock;
	}

	/** A new session for a token Pi verifies. */
	Mono<BrowserSession> signIn(String token) {
		return this.identities.verify(token).map(identity -> {
			// Whole seconds: the cookie keeps times in seconds, so what the sign-in
			// answer says is what every later read says.
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
			Instant end = now.plus(this.properties.maxAge());
			if (identity.validUntil().isBefore(end)) {
				end = identity.validUntil();
			}
			return new BrowserSession(token, identity, now, end, now);
		});
	}

	/**
	 * The session as it stands now, with its cookie kept in step on the response: itself
	 * while its last check is recent; checked with Pi again when it is due, and then
	 * written anew; empty, with the cookie cleared, when Pi has ended it.
	 * @return the session, empty, or an error
	 * ({@link IdentityProviderUnavailableException}) once the grace is over
	 */
	Mono<BrowserSession> revalidate(BrowserSession session, ServerHttpResponse response) {
		Instant now = this.clock.instant();
		Instant due = session.checked().plus(this.properties.revalidate());
		if (now.isBefore(due)) {
			return Mono.just(session);
		}
		return this.identities.verify(session.token())
			.map(fresh -> session.checkedAgain(fresh, this.clock.instant().truncatedTo(ChronoUnit.SECONDS)))
			// The token's valid_until may have moved before the session's end.
			.filter(next -> next.liveAt(this.clock.instant()))
			.doOnNext(next -> this.cookies.write(response, next))
			.onErrorResume(InvalidTokenException.class, ex -> Mono.empty())
			.switchIfEmpty(Mono.fromRunnable(() -> this.cookies.clear(response)))
			.onErrorResume(IdentityProviderUnavailableException.class, ex -> {
				if (this.clock.instant().isBefore(due.plus(this.properties.revalidateGrace()))) {
					return Mono.just(session);
				}
				log.warn("Pi has been unreachable since a session was due for its check at {}: failing closed", due);
				return Mono.error(ex);
			});
	}

}
