package dev.piedge.sidecar.fulfillment;

import java.net.URI;
import java.time.Duration;

import dev.piedge.pi.client.SecretFingerprint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the fulfilment relay delivers signed webhooks to the backend. Bad values
 * stop start-up with a message that names the key to fix.
 *
 * @param url the backend endpoint that receives {@code POST}ed events; when empty, events
 * are kept in the outbox (nothing is dropped) and delivered once a URL is configured
 * @param secret the HMAC-SHA256 key for {@code Pi-Edge-Signature}; required (at least
 * {@value #MIN_SECRET_LENGTH} characters) when {@code url} is set. Never logged: only its
 * fingerprint is.
 * @param timeout how long one delivery may take before it counts as failed
 * @param pollInterval how often the relay looks for due events
 * @param batchSize how many due events one poll claims (and delivers in parallel)
 * @param claimTimeout how long a claim keeps other instances off an event; must exceed
 * {@code timeout}
 * @param minBackoff the delay after the first failure; it doubles with every further
 * failure
 * @param maxBackoff the longest delay between two attempts
 * @param deliveredRetention how long a delivered event is kept before it is pruned;
 * {@code 0} keeps them forever. Undelivered events are never pruned. The payment ledger
 * itself is never pruned.
 * @param pruneInterval how often delivered events older than the retention are deleted
 */
@ConfigurationProperties("pi.payments.fulfillment")
record FulfillmentProperties(URI url, String secret, @DefaultValue("5s") Duration timeout,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("20") int batchSize,
		@DefaultValue("30s") Duration claimTimeout, @DefaultValue("1s") Duration minBackoff,
		@DefaultValue("1h") Duration maxBackoff, @DefaultValue("30d") Duration deliveredRetention,
		@DefaultValue("1h") Duration pruneInterval) {

	static final String PREFIX = "pi.payments.fulfillment.";

	static final int MIN_SECRET_LENGTH = 32;

	static final int MAX_BATCH_SIZE = 1000;

	FulfillmentProperties {
		if (url != null && url.toString().isBlank()) {
			url = null;
		}
		if (secret != null && secret.isBlank()) {
			secret = null;
		}
		if (url != null) {
			String scheme = url.getScheme();
			if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
				throw new IllegalArgumentException(PREFIX + "url must be an absolute http(s) URL such as "
						+ "https://backend.example/pi/webhooks, but was '" + url + "'");
			}
			if (secret == null) {
				throw new IllegalArgumentException(PREFIX + "secret is required when " + PREFIX
						+ "url is set: webhooks are always signed. Set PI_FULFILLMENT_SECRET (read by "
						+ "config/payment-sidecar.yml) to a random value of at least " + MIN_SECRET_LENGTH
						+ " characters (for example: openssl rand -hex 32)");
			}
		}
		if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(PREFIX + "secret must be at least " + MIN_SECRET_LENGTH
					+ " characters long (for example: openssl rand -hex 32)");
		}
		requirePositive("timeout", timeout);
		requirePositive("poll-interval", pollInterval);
		requirePositive("claim-timeout", claimTimeout);
		requirePositive("min-backoff", minBackoff);
		requirePositive("max-backoff", maxBackoff);
		requirePositive("prune-interval", pruneInterval);
		if (deliveredRetention == null || deliveredRetention.isNegative()) {
			throw new IllegalArgumentException(PREFIX + "delivered-retention must be a duration such as 30d, or 0 "
					+ "to keep delivered events forever, but was " + deliveredRetention);
		}
		if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
			throw new IllegalArgumentException(
					PREFIX + "batch-size must be between 1 and " + MAX_BATCH_SIZE + ", but was " + batchSize);
		}
		if (minBackoff.compareTo(maxBackoff) > 0) {
			throw new IllegalArgumentException(PREFIX + "min-backoff (" + minBackoff
					+ ") must not be longer than max-backoff (" + maxBackoff + ")");
		}
		if (claimTimeout.compareTo(timeout) <= 0) {
			// A claim that expires while its delivery is still running lets a second
			// instance send it too.
			throw new IllegalArgumentException(PREFIX + "claim-timeout (" + claimTimeout + ") must be longer than "
					+ PREFIX + "timeout (" + timeout + ")");
		}
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + key + " must be a positive duration such as 5s, but was " + value);
		}
	}

	/** Whether delivered events are ever pruned. */
	boolean prunes() {
		return !deliveredRetention.isZero();
	}

	/** Whether a backend URL is configured; without one, events wait in the outbox. */
	boolean enabled() {
		return url != null;
	}

	/**
	 * The first 12 hex digits of the secret's SHA-256: enough to tell two secrets apart
	 * in logs, useless to forge.
	 */
	String secretFingerprint() {
		if (secret == null) {
			return "none";
		}
		return SecretFingerprint.of(secret).toString();
	}

	@Override
	public String toString() {
		return "FulfillmentProperties[url=" + url + ", secret=" + (secret == null ? "none" : "[REDACTED]")
				+ ", timeout=" + timeout + ", pollInterval=" + pollInterval + ", batchSize=" + batchSize
				+ ", claimTimeout=" + claimTimeout + ", minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff
				+ ", deliveredRetention=" + deliveredRetention + ", pruneInterval=" + pruneInterval + "]";
	}

}
