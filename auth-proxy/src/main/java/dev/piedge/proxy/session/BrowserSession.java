package dev.piedge.proxy.session;

import java.time.Duration;
import java.time.Instant;

import dev.piedge.proxy.token.VerifiedIdentity;

/**
 * What the sealed session cookie holds. The Pi access token is inside so the proxy can
 * re-check the session with Pi; the cookie is encrypted and {@code HttpOnly}, so neither
 * page scripts nor the backend ever read it.
 *
 * @param token the Pi access token the user signed in with
 * @param identity the identity Pi last verified for it
 * @param created when the user signed in
 * @param until when the session ends: never past the token's {@code valid_until}, at most
 * {@code pi.browser.session.max-age} after {@code created}
 * @param checked when Pi last verified the token
 */
record BrowserSession(String token, VerifiedIdentity identity, Instant created, Instant until, Instant checked) {

	/** Whether the session is still within its lifetime at {@code now}. */
	boolean liveAt(Instant now) {
		return now.isBefore(this.until);
	}

	/** The whole seconds left at {@code now}, as the cookie's {@code Max-Age}. */
	long secondsLeft(Instant now) {
		return Math.max(0, Duration.between(now, this.until).getSeconds());
	}

	/** The same session, verified again by Pi at {@code now}. */
	BrowserSession checkedAgain(VerifiedIdentity fresh, Instant now) {
		Instant end = fresh.validUntil().isBefore(this.until) ? fresh.validUntil() : this.until;
		return new BrowserSession(this.token, fresh, this.created, end, now);
	}

	@Override
	public String toString() {
		return "BrowserSession[uid=" + this.identity.uid() + ", created=" + this.created + ", until=" + this.until
				+ ", checked=" + this.checked + "]";
	}

}
