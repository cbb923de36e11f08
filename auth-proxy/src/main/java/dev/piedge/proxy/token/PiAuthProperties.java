package dev.piedge.proxy.token;

import java.time.Duration;

import dev.piedge.pi.client.PiPlatformClient;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the proxy turns a Pi access token into a verified identity ({@code pi.auth.*}). Bad
 * values stop start-up with a message that names the key to fix.
 *
 * @param timeout how long one {@code /v2/me} call may take before the request gets a 503
 * @param staleIfError how long past its cache lifetime an identity verified earlier may
 * still be served while Pi is unreachable; zero turns it off. Never past the token's
 * {@code valid_until}.
 * @param maxTokenLength longer bearer tokens are refused without calling Pi
 * @param unavailableRetryAfter the {@code Retry-After} sent with a 503 when Pi gave none
 * @param tokenBodyLimit largest request body on {@code pi-token-from-body} routes, where
 * each body is read whole for its {@code accessToken}; larger bodies get a 413
 * @param cache the identity cache
 * @param assertion the signed {@code X-Pi-Identity} header
 */
@ConfigurationProperties("pi.auth")
public record PiAuthProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("0s") Duration staleIfError,
		@DefaultValue("4096") int maxTokenLength, @DefaultValue("1s") Duration unavailableRetryAfter,
		@DefaultValue("16KB") DataSize tokenBodyLimit, @DefaultValue Cache cache, @DefaultValue Assertion assertion) {

	public PiAuthProperties {
		requirePositive("pi.auth.timeout", timeout);
		requireNotNegative("pi.auth.stale-if-error", staleIfError);
		requirePositive("pi.auth.unavailable-retry-after", unavailableRetryAfter);
		if (maxTokenLength < 16 || maxTokenLength > PiPlatformClient.MAX_ACCESS_TOKEN_LENGTH) {
			throw new IllegalArgumentException("pi.auth.max-token-length must be between 16 and "
					+ PiPlatformClient.MAX_ACCESS_TOKEN_LENGTH + ", was " + maxTokenLength);
		}
		if (tokenBodyLimit == null || tokenBodyLimit.toBytes() < 1024 || tokenBodyLimit.toBytes() > 1024 * 1024) {
			throw new IllegalArgumentException(
					"pi.auth.token-body-limit must be between 1KB and 1MB, such as 16KB, was " + tokenBodyLimit);
		}
	}

	/**
	 * @param ttl longest time a verified identity is reused; never past the token's
	 * {@code valid_until}
	 * @param negativeTtl how long Pi's definite "invalid token" answer is reused, so a
	 * flood of bad tokens cannot be turned against the Pi API
	 * @param maxSize most identities kept
	 * @param refreshAhead once 80% of {@code ttl} has passed, the next request for a
	 * token starts one background {@code /v2/me} call, so a busy user's requests never
	 * wait for Pi when the entry expires
	 */
	public record Cache(@DefaultValue("30s") Duration ttl, @DefaultValue("5s") Duration negativeTtl,
			@DefaultValue("100000") long maxSize, @DefaultValue("true") boolean refreshAhead) {

		public Cache {
			requireNotNegative("pi.auth.cache.ttl", ttl);
			requireNotNegative("pi.auth.cache.negative-ttl", negativeTtl);
			if (maxSize < 1) {
				throw new IllegalArgumentException("pi.auth.cache.max-size must be at least 1, was " + maxSize);
			}
		}

	}

	/**
	 * @param enabled inject {@code X-Pi-Identity}, a JWT signed by the proxy
	 * @param ttl lifetime of each assertion
	 * @param jwk the signing key as a private EC P-256 JWK (JSON); takes precedence over
	 * {@code keyFile}
	 * @param keyFile a file holding that JWK; with neither set, an ephemeral key is
	 * generated at start-up
	 * @param issuer the {@code iss} claim
	 */
	public record Assertion(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration ttl, String jwk,
			String keyFile, @DefaultValue("pi-edge") String issuer) {

		public Assertion {
			requirePositive("pi.auth.assertion.ttl", ttl);
			if (issuer == null || issuer.isBlank()) {
				// The sidecar checks iss: an empty one would fail every payment callback.
				throw new IllegalArgumentException("pi.auth.assertion.issuer must not be blank; the payment sidecar "
						+ "expects the same value in pi.identity.issuer (default pi-edge)");
			}
		}

		@Override
		public String toString() {
			return "Assertion[enabled=" + enabled + ", ttl=" + ttl + ", jwk=" + (jwk == null ? "unset" : "[redacted]")
					+ ", keyFile=" + keyFile + ", issuer=" + issuer + "]";
		}

	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be a positive duration such as 2s, was " + value);
		}
	}

	private static void requireNotNegative(String key, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(key + " must be zero or a positive duration such as 5s, was " + value);
		}
	}

}
