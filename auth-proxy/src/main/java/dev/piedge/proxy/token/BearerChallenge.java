package dev.piedge.proxy.token;

/**
 * The RFC 6750 {@code WWW-Authenticate} challenges the proxy sends.
 */
final class BearerChallenge {

	static final String REALM = "Bearer realm=\"pi-edge\"";

	private BearerChallenge() {
	}

	static String withError(String error) {
		return REALM + ", error=\"" + error + "\"";
	}

}
