package dev.piedge.proxy.token;

/**
 * What Pi said about a token: a verified identity, or a definite "invalid". Both are worth caching;
 * an unreachable Pi is not an answer and is never cached.
 */
sealed interface TokenCheck {

	record Verified(VerifiedIdentity identity) implements TokenCheck {
	}

	record Rejected() implements TokenCheck {
	}

}
