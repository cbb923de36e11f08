package dev.piedge.sidecar.checkout;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hosted checkout ({@code pi.checkout.*}). Bad values stop start-up with a message that
 * names the key to fix.
 *
 * @param expiresIn how long a session stays open unless the API asks otherwise
 * @param maxExpiresIn the longest {@code expires_in_seconds} the API accepts
 * @param expiryInterval how often open sessions past their expiry are expired
 * @param sdkUrl the Pi SDK the page loads (its origin goes into the page's CSP)
 * @param sandbox {@code Pi.init}'s {@code sandbox} flag
 * @param maxMetadataSize the largest {@code metadata} object, in bytes of JSON
 */
@ConfigurationProperties("pi.checkout")
public record CheckoutProperties(@DefaultValue("1h") Duration expiresIn, @DefaultValue("24h") Duration maxExpiresIn,
		@DefaultValue("30s") Duration expiryInterval, @DefaultValue("https://sdk.minepi.com/pi-sdk.js") URI sdkUrl,
		@DefaultValue("false") boolean sandbox, @DefaultValue("4096") int maxMetadataSize) {

	static final Duration MIN_EXPIRES_IN = Duration.ofMinutes(1);

	public CheckoutProperties {
		if (maxExpiresIn == null || maxExpiresIn.compareTo(MIN_EXPIRES_IN) < 0) {
			throw new IllegalArgumentException(
					"pi.checkout.max-expires-in must be at least 1m, but was " + maxExpiresIn);
		}
		if (expiresIn == null || expiresIn.compareTo(MIN_EXPIRES_IN) < 0 || expiresIn.compareTo(maxExpiresIn) > 0) {
			throw new IllegalArgumentException(
					"pi.checkout.expires-in must be between 1m and pi.checkout.max-expires-in (" + maxExpiresIn
							+ "), but was " + expiresIn);
		}
		if (expiryInterval == null || expiryInterval.isNegative() || expiryInterval.isZero()) {
			throw new IllegalArgumentException(
					"pi.checkout.expiry-interval must be a positive duration such as 30s, but was " + expiryInterval);
		}
		if (sdkUrl == null || !sdkUrl.isAbsolute() || sdkUrl.getRawAuthority() == null
				|| !("http".equalsIgnoreCase(sdkUrl.getScheme()) || "https".equalsIgnoreCase(sdkUrl.getScheme()))) {
			throw new IllegalArgumentException(
					"pi.checkout.sdk-url must be an absolute http(s) URL such as https://sdk.minepi.com/pi-sdk.js, but was '"
							+ sdkUrl + "'");
		}
		if (maxMetadataSize < 2) {
			throw new IllegalArgumentException(
					"pi.checkout.max-metadata-size must be at least 2 (bytes of JSON), but was " + maxMetadataSize);
		}
	}

	/** The SDK's origin, for the page's Content-Security-Policy. */
	String sdkOrigin() {
		return this.sdkUrl.getScheme() + "://" + this.sdkUrl.getRawAuthority();
	}

}
