package dev.piedge.sidecar.identity;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sidecar checks that a caller's identity came from auth-proxy
 * ({@code pi.identity.*}). Bad values stop start-up with a message that names the key to
 * fix.
 *
 * @param jwksUri the proxy's {@code /.well-known/jwks.json}
 * @param issuer the {@code iss} the proxy signs with
 * @param audience the {@code aud} expected: the id of the proxy route that leads here
 * @param clockSkew tolerance on {@code exp}/{@code iat} between proxy and sidecar clocks
 */
@ConfigurationProperties("pi.identity")
public record IdentityProperties(URI jwksUri, @DefaultValue("pi-edge") String issuer,
		@DefaultValue("payments") String audience, @DefaultValue("30s") Duration clockSkew) {

	static final String PREFIX = "pi.identity.";

	public IdentityProperties {
		if (jwksUri == null || !jwksUri.isAbsolute() || jwksUri.getHost() == null
				|| !("http".equalsIgnoreCase(jwksUri.getScheme()) || "https".equalsIgnoreCase(jwksUri.getScheme()))) {
			throw new IllegalArgumentException(PREFIX + "jwks-uri must be the proxy's key set as an absolute http(s) "
					+ "URL such as http://127.0.0.1:8080/.well-known/jwks.json (env PI_IDENTITY_JWKS_URI), but was "
					+ jwksUri);
		}
		requireText("issuer", issuer, "the proxy's pi.auth.assertion.issuer (default pi-edge)");
		requireText("audience", audience, "the id of the proxy route that leads here (default payments)");
		if (clockSkew == null || clockSkew.isNegative()) {
			throw new IllegalArgumentException(
					PREFIX + "clock-skew must be zero or a positive duration such as 30s, but was " + clockSkew);
		}
	}

	private static void requireText(String key, String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(PREFIX + key + " must not be blank: set it to " + what);
		}
	}

}
