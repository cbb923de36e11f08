package dev.piedge.pi.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the Pi Platform API client, bound from {@code pi.api.*}.
 *
 * <p>
 * Every null value takes its default, so
 * {@code new PiApiProperties(null, key, null, null, null, null)} is a valid production
 * configuration. Every rule is checked in the constructor, so instances built without
 * Spring are equally safe; a bad value fails with a message naming the property to fix.
 *
 * @param baseUrl {@code pi.api.base-url}: absolute http(s) URL without user info, query
 * or fragment; the {@code /v2/...} paths are appended to it. Default
 * {@code https://api.minepi.com}
 * @param key {@code pi.api.key}: the app's Server API Key; may be empty when only
 * {@code /v2/me} is used. Surrounding whitespace is stripped; never printed by
 * {@link #toString()}
 * @param timeout {@code pi.api.timeout}: limit for one attempt, from sending to the end
 * of the body. Default 5s
 * @param connectTimeout {@code pi.api.connect-timeout}: TCP connect limit. Default 2s
 * @param maxResponseSize {@code pi.api.max-response-size}: larger answers fail as
 * {@link PiApiUnavailableException.Reason#BAD_RESPONSE}. Default 256KB
 * @param retry {@code pi.api.retry.*}: retry policy for idempotent (GET) calls
 */
@ConfigurationProperties("pi.api")
public record PiApiProperties(URI baseUrl, String key, Duration timeout, Duration connectTimeout,
		DataSize maxResponseSize, @DefaultValue Retry retry) {

	/** Pi's production API host. */
	public static final URI DEFAULT_BASE_URL = URI.create("https://api.minepi.com");

	private static final DataSize MAX_RESPONSE_SIZE_LIMIT = DataSize.ofMegabytes(16);

	/**
	 * Applies defaults and validates.
	 * @throws IllegalArgumentException naming the property to fix
	 */
	public PiApiProperties {
		baseUrl = baseUrl == null ? DEFAULT_BASE_URL : normaliseBaseUrl(baseUrl);
		key = key == null ? "" : key.strip();
		timeout = positive("pi.api.timeout", timeout, Duration.ofSeconds(5));
		connectTimeout = positive("pi.api.connect-timeout", connectTimeout, Duration.ofSeconds(2));
		if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("pi.api.connect-timeout is too large; use a few seconds");
		}
		maxResponseSize = maxResponseSize == null ? DataSize.ofKilobytes(256) : maxResponseSize;
		if (maxResponseSize.toBytes() <= 0 || maxResponseSize.compareTo(MAX_RESPONSE_SIZE_LIMIT) > 0) {
			throw new IllegalArgumentException(
					"pi.api.max-response-size must be between 1B and 16MB, got " + maxResponseSize);
		}
		retry = retry == null ? Retry.defaults() : retry;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				// The key itself is never quoted, even in a startup error.
				throw new IllegalArgumentException(
						"pi.api.key must be visible ASCII without spaces; check for a pasted line break or quote");
			}
		}
	}

	/**
	 * Creates properties for the given base URL and key, with every other setting at its
	 * default.
	 * @param baseUrl the API base URL, or null for Pi's production host
	 * @param key the Server API Key, or null/empty for none
	 * @return the properties
	 */
	public static PiApiProperties of(URI baseUrl, String key) {
		return new PiApiProperties(baseUrl, key, null, null, null, null);
	}

	/**
	 * Tells whether a Server API Key is configured.
	 * @return true if {@code pi.api.key} is not empty
	 */
	public boolean hasKey() {
		return !key.isEmpty();
	}

	/**
	 * Returns an identifier of the key that is safe to log: the first 12 hex characters
	 * of its SHA-256.
	 * @return the fingerprint, or {@code none} when no key is configured
	 */
	public String keyFingerprint() {
		if (!hasKey()) {
			return "none";
		}
		return SecretFingerprint.of(key).hex();
	}

	/** Prints every setting except the key, which is replaced by its fingerprint. */
	@Override
	public String toString() {
		return "PiApiProperties[baseUrl=" + baseUrl + ", key="
				+ (hasKey() ? "<redacted sha256:" + keyFingerprint() + ">" : "<none>") + ", timeout=" + timeout
				+ ", connectTimeout=" + connectTimeout + ", maxResponseSize=" + maxResponseSize + ", retry=" + retry
				+ "]";
	}

	private static URI normaliseBaseUrl(URI uri) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"pi.api.base-url must be an absolute http or https URL such as https://api.minepi.com");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("pi.api.base-url must not contain user info, a query or a fragment");
		}
		String text = uri.toString();
		// The /v2/... paths are appended, so a trailing slash would produce "//v2".
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

	private static Duration positive(String name, Duration value, Duration defaultValue) {
		if (value == null) {
			return defaultValue;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, got " + value);
		}
		return value;
	}

	/**
	 * Retry policy for idempotent calls ({@code me}, {@code getPayment},
	 * {@code incompleteServerPayments}).
	 *
	 * @param maxAttempts {@code pi.api.retry.max-attempts}: total attempts including the
	 * first, 1-10. Default 3
	 * @param minBackoff {@code pi.api.retry.min-backoff}: first backoff, not negative.
	 * Default 200ms
	 * @param maxBackoff {@code pi.api.retry.max-backoff}: backoff ceiling, at least
	 * min-backoff; also the longest {@code Retry-After} the client will wait out. Default
	 * 2s (or min-backoff if larger)
	 * @param jitter {@code pi.api.retry.jitter}: random spread of each backoff, 0.0-1.0.
	 * Default 0.5
	 * @see PiRetryOperator#idempotent(String, PiRetryPolicy)
	 */
	public record Retry(@DefaultValue("3") int maxAttempts, Duration minBackoff, Duration maxBackoff,
			@DefaultValue("0.5") double jitter) implements PiRetryPolicy {

		/**
		 * Applies defaults to null durations and validates.
		 * @throws IllegalArgumentException naming the property to fix
		 */
		public Retry {
			if (maxAttempts < 1 || maxAttempts > 10) {
				throw new IllegalArgumentException(
						"pi.api.retry.max-attempts must be between 1 (no retry) and 10, got " + maxAttempts);
			}
			minBackoff = minBackoff == null ? Duration.ofMillis(200) : minBackoff;
			if (minBackoff.isNegative()) {
				throw new IllegalArgumentException("pi.api.retry.min-backoff must not be negative, got " + minBackoff);
			}
			if (maxBackoff == null) {
				Duration defaultMax = Duration.ofSeconds(2);
				maxBackoff = defaultMax.compareTo(minBackoff) >= 0 ? defaultMax : minBackoff;
			}
			if (maxBackoff.compareTo(minBackoff) < 0) {
				throw new IllegalArgumentException("pi.api.retry.max-backoff (" + maxBackoff
						+ ") must be at least pi.api.retry.min-backoff (" + minBackoff + ")");
			}
			if (!(jitter >= 0.0 && jitter <= 1.0)) {
				throw new IllegalArgumentException("pi.api.retry.jitter must be between 0.0 and 1.0, got " + jitter);
			}
		}

		/**
		 * Returns the default policy: 3 attempts, 200ms-2s backoff, jitter 0.5.
		 * @return the defaults
		 */
		public static Retry defaults() {
			return new Retry(3, null, null, 0.5);
		}

		/**
		 * Returns {@code max-backoff}: a read waits out a {@code Retry-After} no longer
		 * than its longest backoff, and a longer one fails at once.
		 * @return the longest {@code Retry-After} waited out
		 */
		@Override
		public Duration maxRetryAfter() {
			return maxBackoff;
		}
	}
}
