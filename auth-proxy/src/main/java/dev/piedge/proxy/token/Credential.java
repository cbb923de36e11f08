package dev.piedge.proxy.token;

import reactor.core.publisher.Mono;

/**
 * What a request carried to prove who it comes from, and where it carried it. The
 * authentication filter treats every credential alike: it asks it for the verified
 * identity. A bearer token is verified with Pi; a session cookie by its own rules (see
 * {@code dev.piedge.proxy.session}). Some rules outside the filter (cross-site request
 * checks, say) depend on the source.
 */
public interface Credential {

	/** Where the request carried it. */
	Source source();

	/**
	 * The verified identity; empty when the credential turns out to prove nothing (a
	 * session Pi has ended), which counts as no credential at all.
	 * @param identities the proxy's identity service (cache, single flight, Pi's
	 * {@code /v2/me})
	 * @return the identity, or an error with the refusal ({@link InvalidTokenException},
	 * {@link IdentityProviderUnavailableException})
	 */
	Mono<VerifiedIdentity> verify(IdentityService identities);

	/** A Pi access token, verified with Pi on every use (through the identity cache). */
	static Credential token(String token, Source source) {
		return new AccessTokenCredential(token, source);
	}

	/** Where a request can carry a credential. */
	enum Source {

		/** {@code Authorization: Bearer}, as an app's frontend sends it. */
		AUTHORIZATION_HEADER,

		/** The {@code accessToken} of a pi-sdk-js payment callback's JSON body. */
		PAYMENT_BODY,

		/** pi-edge's sealed session cookie, set at sign-in for page loads. */
		SESSION_COOKIE

	}

	/**
	 * @param token the access token, already checked for shape
	 * @param source where the request carried it
	 */
	record AccessTokenCredential(String token, Source source) implements Credential {

		@Override
		public Mono<VerifiedIdentity> verify(IdentityService identities) {
			return identities.verify(this.token);
		}

		@Override
		public String toString() {
			return "AccessTokenCredential[source=" + this.source + "]";
		}

	}

}
