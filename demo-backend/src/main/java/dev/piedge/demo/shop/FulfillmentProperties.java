package dev.piedge.demo.shop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the shop checks the sidecar's signed webhooks ({@code demo.fulfillment.*}).
 *
 * @param secret the HMAC secret shared with the sidecar
 * ({@code pi.payments.fulfillment.secret}); blank refuses every webhook
 * @param tolerance the largest distance between the signature's {@code t} and the shop's
 * clock, either way, so a captured request cannot be replayed later
 */
@ConfigurationProperties("demo.fulfillment")
record FulfillmentProperties(String secret, @DefaultValue("5m") Duration tolerance) {

	FulfillmentProperties {
		secret = (secret != null) ? secret : "";
		if (tolerance.isNegative() || tolerance.isZero()) {
			throw new IllegalArgumentException(
					"demo.fulfillment.tolerance must be positive, e.g. 5m; it was " + tolerance);
		}
	}

}
