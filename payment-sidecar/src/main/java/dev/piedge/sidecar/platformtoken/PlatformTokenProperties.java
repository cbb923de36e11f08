package dev.piedge.sidecar.platformtoken;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform tokens ({@code pi.api-auth.platform.*}): short-lived JWTs that a platform
 * signs for its services, accepted by the backend API instead of an API key. Set one of
 * {@code jwks-uri} and {@code public-key}; with neither, platform tokens are refused. Bad
 * values stop start-up with a message that names the key to fix.
 *
 * @param jwksUri the platform's JWK Set (keys chosen by {@code kid}, RS512 or ES256),
 * fetched and cached; an unknown {@code kid} makes it fetch the set again
 * @param publicKey one public key instead: PEM ({@code -----BEGIN PUBLIC KEY-----}, RSA
 * of at least 2048 bits for RS512, or EC P-256 for ES256) or a public JWK in JSON. A JWK
 * with a {@code kid} accepts only tokens naming that {@code kid}.
 * @param audience when set, the {@code aud} every token must contain
 * @param maxLifetime the longest {@code exp - iat} accepted
 * @param clockSkew tolerance on {@code exp} and {@code iat} between the platform's clock
 * and the sidecar's
 */
@ConfigurationProperties("pi.api-auth.platform")
public record PlatformTokenProperties(URI jwksUri, String publicKey, String audience,
		@DefaultValue("5m") Duration maxLifetime, @DefaultValue("30s") Duration clockSkew) {

	static final String PREFIX = "pi.api-auth.platform.";

	public PlatformTokenProperties {
		if (jwksUri != null && jwksUri.toString().isBlank()) {
			jwksUri = null;
		}
		if (publicKey != null && publicKey.isBlank()) {
			publicKey = null;
		}
		if (audience != null && audience.isBlank()) {
			audience = null;
		}
		if (jwksUri != null && publicKey != null) {
			throw new IllegalArgumentException(
					PREFIX + "jwks-uri and " + PREFIX + "public-key are alternatives: set only one of them");
		}
		if (jwksUri != null && (!jwksUri.isAbsolute() || jwksUri.getHost() == null
				|| !("http".equalsIgnoreCase(jwksUri.getScheme()) || "https".equalsIgnoreCase(jwksUri.getScheme())))) {
			throw new IllegalArgumentException(PREFIX + "jwks-uri must be an absolute http(s) URL such as "
					+ "https://platform.internal/.well-known/jwks.json, but was " + jwksUri);
		}
		if (publicKey != null) {
			// Parsed here only to fail at start-up with the key's name.
			PlatformPublicKey.parse(publicKey);
		}
		if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + "max-lifetime must be a positive duration such as 5m, but was " + maxLifetime);
		}
		if (clockSkew == null || clockSkew.isNegative()) {
			throw new IllegalArgumentException(
					PREFIX + "clock-skew must be zero or a positive duration such as 30s, but was " + clockSkew);
		}
	}

	/** Whether platform tokens are accepted at all. */
	boolean enabled() {
		return this.jwksUri != null || this.publicKey != null;
	}

}
