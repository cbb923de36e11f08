package dev.piedge.proxy.token;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What Pi said about a token: a verified identity, or a definite "invalid". Both are
 * worth caching; an unreachable Pi is not an answer and is never cached.
 */
sealed interface TokenCheck {

	/**
	 * When Pi gave this answer, in epoch milliseconds; cache lifetimes count from here,
	 * not from when the cache stored it. A {@code long}, not an {@code Instant}: one is
	 * kept per cached identity, and the object cost 24 bytes more (issue 16's memory
	 * target).
	 */
	long answeredAtMillis();

	/**
	 * A verified identity and when Pi gave it. A class rather than a record for one
	 * mutable flag: whether a refresh-ahead call has been started for this answer, one
	 * per answer, so an outage is not asked again on every request. The flag is a plain
	 * field set through a {@link VarHandle} rather than an {@code AtomicBoolean}: one of
	 * these is kept per cached identity, and the separate object cost 16 bytes each
	 * (issue 16's identity-cache bench).
	 */
	final class Verified implements TokenCheck {

		private static final VarHandle REFRESH_STARTED;

		static {
			try {
				REFRESH_STARTED = MethodHandles.lookup().findVarHandle(Verified.class, "refreshStarted", boolean.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final VerifiedIdentity identity;

		private final long answeredAtMillis;

		@SuppressWarnings("unused") // set through REFRESH_STARTED
		private volatile boolean refreshStarted;

		Verified(VerifiedIdentity identity, long answeredAtMillis) {
			this.identity = identity;
			this.answeredAtMillis = answeredAtMillis;
		}

		VerifiedIdentity identity() {
			return this.identity;
		}

		@Override
		public long answeredAtMillis() {
			return this.answeredAtMillis;
		}

		/** True for the one caller that gets to refresh this answer. */
		boolean claimRefresh() {
			return REFRESH_STARTED.compareAndSet(this, false, true);
		}

	}

	record Rejected(long answeredAtMillis) implements TokenCheck {
	}

}
