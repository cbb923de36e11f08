package dev.piedge.sidecar.api;

import org.springframework.http.HttpHeaders;

/**
 * The RFC 6750 {@code WWW-Authenticate} challenges of the backend API. Its realm differs
 * from the proxy's ({@code pi-edge}): these are API keys, not Pi access tokens.
 */
public final class ApiChallenge {

	static final String REALM = "Bearer realm=\"pi-edge-api\"";

	private ApiChallenge() {
	}

	/** A challenge that names what was wrong with the credential sent. */
	public static HttpHeaders withError(String error) {
		return header(REALM + ", error=\"" + error + "\"");
	}

	static HttpHeaders header(String challenge) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		return headers;
	}

}
