package dev.piedge.sidecar.chain;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the sidecar calls Horizon, the Pi blockchain's HTTP API
 * ({@code pi.payouts.horizon.*}). Bad values stop start-up with a message that names the
 * key to fix.
 *
 * @param urls Horizon's base URL per network, keyed by the network's name as Pi writes it
 * (in YAML, {@code "[Pi Testnet]"} with brackets, so the space is kept). A network left
 * out keeps its default: {@value #TESTNET_URL} and {@value #MAINNET_URL}
 * @param timeout limit for one attempt of a read (account, fee stats, transaction lookup)
 * @param submitTimeout limit for a submission. Horizon holds a submission open until the
 * transaction is in a ledger or its own limit passes (then 504), so this is a little
 * longer than that limit; when it passes, the outcome is unknown and the transaction may
 * still land
 * @param connectTimeout TCP connect limit
 * @param maxResponseSize larger answers are not read
 * @param retry retries of reads; a submission is never retried
 */
@ConfigurationProperties("pi.payouts.horizon")
public record HorizonProperties(Map<String, URI> urls, @DefaultValue("10s") Duration timeout,
		@DefaultValue("35s") Duration submitTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("256KB") DataSize maxResponseSize, @DefaultValue Retry retry) {

	static final String PREFIX = "pi.payouts.horizon.";

	static final String TESTNET_URL = "https://api.testnet.minepi.com";

	static final String MAINNET_URL = "https://api.mainnet.minepi.com";

	private static final DataSize MAX_RESPONSE_SIZE_LIMIT = DataSize.ofMegabytes(16);

	public HorizonProperties {
		urls = urlsPerNetwork(urls);
		requirePositive("timeout", timeout);
		requirePositive("submit-timeout", submitTimeout);
		requirePositive("connect-timeout", connectTimeout);
		if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(PREFIX + "connect-timeout is too large; use a few seconds, such as 2s");
		}
		if (maxResponseSize == null || maxResponseSize.toBytes() <= 0
				|| maxResponseSize.compareTo(MAX_RESPONSE_SIZE_LIMIT) > 0) {
			throw new IllegalArgumentException(PREFIX
					+ "max-response-size must be between 1B and 16MB, such as 256KB, but was " + maxResponseSize);
		}
		retry = (retry != null) ? retry : Retry.defaults();
	}

	/**
	 * Returns Horizon's base URL for a network, without a trailing slash.
	 * @param network the payment's network
	 * @return the URL
	 */
	public URI url(PiNetwork network) {
		return this.urls.get(network.piName());
	}

	private static Map<String, URI> urlsPerNetwork(Map<String, URI> configured) {
		Map<PiNetwork, URI> urls = new EnumMap<>(PiNetwork.class);
		urls.put(PiNetwork.TESTNET, URI.create(TESTNET_URL));
		urls.put(PiNetwork.MAINNET, URI.create(MAINNET_URL));
		if (configured != null) {
			configured.forEach((name, url) -> urls.put(network(name), baseUrl(name, url)));
		}
		Map<String, URI> byName = new LinkedHashMap<>();
		urls.forEach((network, url) -> byName.put(network.piName(), url));
		return Collections.unmodifiableMap(byName);
	}

	private static PiNetwork network(String name) {
		try {
			return PiNetwork.of(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					PREFIX + "urls has a key '" + name + "', but the keys are the " + "networks " + PiNetwork.names()
							+ "; in YAML write them in brackets, \"[Pi Testnet]\", so the " + "space is kept");
		}
	}

	private static URI baseUrl(String name, URI url) {
		String key = PREFIX + "urls[" + name + "]";
		String scheme = (url != null && url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (url == null || !url.isAbsolute() || url.getHost() == null
				|| !(scheme.equals("http") || scheme.equals("https"))) {
			throw new IllegalArgumentException(
					key + " must be an absolute http(s) URL such as " + TESTNET_URL + ", but was " + url);
		}
		if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
			throw new IllegalArgumentException(key + " must not have user info, a query or a fragment");
		}
		String text = url.toString();
		// Paths such as /accounts/{id} are appended: a trailing slash would double.
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + key + " must be a positive duration such as 10s, but was " + value);
		}
	}

	/**
	 * Retries of Horizon reads: a timeout, a failed connection, a 5xx or a 429 is tried
	 * again after an exponential backoff with jitter, and after Horizon's
	 * {@code Retry-After} when it sends one no longer than {@code max-backoff} (a longer
	 * one fails at once).
	 *
	 * @param maxAttempts attempts in all, the first included, 1 to 10
	 * @param minBackoff the first backoff; it doubles up to {@code maxBackoff}
	 * @param maxBackoff the longest backoff, and the longest {@code Retry-After} waited
	 * @param jitter random spread of each backoff, 0.0 to 1.0
	 */
	public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration minBackoff,
			@DefaultValue("2s") Duration maxBackoff, @DefaultValue("0.5") double jitter) {

		public Retry {
			if (maxAttempts < 1 || maxAttempts > 10) {
				throw new IllegalArgumentException(
						PREFIX + "retry.max-attempts must be 1 (no retry) to 10, but was " + maxAttempts);
			}
			if (minBackoff == null || minBackoff.isNegative() || maxBackoff == null
					|| maxBackoff.compareTo(minBackoff) < 0) {
				throw new IllegalArgumentException(PREFIX + "retry.min-backoff must not be negative nor longer than "
						+ "retry.max-backoff, such as 200ms and 2s, but they were " + minBackoff + " and "
						+ maxBackoff);
			}
			if (!(jitter >= 0.0 && jitter <= 1.0)) {
				throw new IllegalArgumentException(
						PREFIX + "retry.jitter must be between 0.0 and 1.0, such as 0.5, but was " + jitter);
			}
		}

		static Retry defaults() {
			return new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);
		}

	}

}
