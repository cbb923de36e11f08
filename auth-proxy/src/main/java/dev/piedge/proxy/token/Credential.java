package dev.piedge.proxy.token;

/**
 * A Pi access token as a request carried it, and where: the proxy verifies it the same
 * way whatever its source, but some rules (cross-site request checks, say) depend on the
 * source.
 *
 * @param token the access token, already checked for shape
 * @param source where the request carried it
 */
public record Credential(String token, Source source) {

	/** Where a request can carry a Pi access token. */
	public enum Source {

		/** {@code Authorization: Bearer}, as an app's frontend sends it. */
		AUTHORIZATION_HEADER,

		/** The {@code accessToken} of a pi-sdk-js payment callback's JSON body. */
		PAYMENT_BODY

	}

}
