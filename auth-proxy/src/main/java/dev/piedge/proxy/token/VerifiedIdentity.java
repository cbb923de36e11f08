package dev.piedge.proxy.token;

import java.time.Instant;
import java.util.Set;

import dev.piedge.pi.client.PiUser;

/**
 * A Pi user as verified by the Pi Platform API for one access token.
 *
 * @param uid the app-scoped Pi user id
 * @param username the Pi username, or {@code null} when the token lacks the
 * {@code username} scope
 * @param scopes the scopes the token holds
 * @param validUntil when Pi stops honouring the token
 */
public record VerifiedIdentity(String uid, String username, Set<String> scopes, Instant validUntil) {

	/**
	 * Exchange attribute holding the identity of a request the authentication filter
	 * verified; absent on anonymous and public requests. Read by the access log and the
	 * rate limiter's key resolver.
	 */
	public static final String EXCHANGE_ATTRIBUTE = VerifiedIdentity.class.getName();

	public VerifiedIdentity {
		scopes = ScopeSets.shared(scopes);
	}

	static VerifiedIdentity from(PiUser user) {
		return new VerifiedIdentity(user.uid(), user.username(), user.scopes(), user.validUntil());
	}

}
