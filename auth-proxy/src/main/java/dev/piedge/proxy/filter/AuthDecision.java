package dev.piedge.proxy.filter;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.token.VerifiedIdentity;

/**
 * What the proxy decided about one request on its route: the single input to forwarding
 * (identity headers or none), errors (the refusal) and the decision metric.
 *
 * @param outcome the kind of decision
 * @param identity the verified caller, only for {@link Outcome#VERIFIED}
 * @param refusal the answer, only for {@link Outcome#REFUSED}
 */
record AuthDecision(Outcome outcome, VerifiedIdentity identity, ProblemException refusal) {

	private static final AuthDecision ANONYMOUS = new AuthDecision(Outcome.ANONYMOUS, null, null);

	private static final AuthDecision PUBLIC = new AuthDecision(Outcome.PUBLIC, null, null);

	enum Outcome {

		/** A credential Pi verified, holding the route's scopes. */
		VERIFIED,

		/** No credential, on a route that lets anonymous requests through. */
		ANONYMOUS,

		/** A {@code public} route: no credential is read. */
		PUBLIC,

		/** Refused: the backend is never called. */
		REFUSED

	}

	static AuthDecision verified(VerifiedIdentity identity) {
		return new AuthDecision(Outcome.VERIFIED, identity, null);
	}

	static AuthDecision anonymous() {
		return ANONYMOUS;
	}

	static AuthDecision publicRoute() {
		return PUBLIC;
	}

	static AuthDecision refused(ProblemException refusal) {
		return new AuthDecision(Outcome.REFUSED, null, refusal);
	}

	/** The decision metric's {@code outcome} tag: the refusal's code, or the outcome. */
	String metricOutcome() {
		return switch (this.outcome) {
			case VERIFIED -> "verified";
			case ANONYMOUS -> "anonymous";
			case PUBLIC -> "public";
			case REFUSED -> this.refusal.code();
		};
	}

}
