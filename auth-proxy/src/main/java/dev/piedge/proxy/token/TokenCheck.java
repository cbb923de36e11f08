package dev.piedge.proxy.token;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Pi said about a token: a verified identity, or a definite "invalid". Both are
 * worth caching; an unreachable Pi is not an answer and is never cached.
 */
sealed interface TokenCheck {

	/**
	 * When Pi gave this answer; cache lifetimes count from here, not from when the cache
	 * stored it.
	 */
	Instant answeredAt();

	/**
	 * @param refreshStarted whether a refresh-ahead call has been started for this
	 * answer: one per answer, so an outage is not asked again on every request
	 */
	record Verified(VerifiedIdentity identity, Instant answeredAt, AtomicBoolean refreshStarted) implements TokenCheck {

		Verified(VerifiedIdentity identity, Instant answeredAt) {
			this(identity, answeredAt, new AtomicBoolean());
		}

		/** True for the one caller that gets to refresh this answer. */
		boolean claimRefresh() {
			return this.refreshStarted.compareAndSet(false, true);
		}

	}

	record Rejected(Instant answeredAt) implements TokenCheck {
	}

}
