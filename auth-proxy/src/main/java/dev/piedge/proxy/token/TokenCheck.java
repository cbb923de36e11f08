package dev.piedge.proxy.token;

import java.time.Instant;

/**
 * What Pi said about a token: a verified identity, or a definite "invalid". Both are worth caching;
 * an unreachable Pi is not an answer and is never cached.
 */
sealed interface TokenCheck {

	/** When Pi gave this answer; cache lifetimes count from here, not from when the cache stored it. */
	Instant answeredAt();

	record Verified(VerifiedIdentity identity, Instant answeredAt) implements TokenCheck {
	}

	record Rejected(Instant answeredAt) implements TokenCheck {
	}

}
