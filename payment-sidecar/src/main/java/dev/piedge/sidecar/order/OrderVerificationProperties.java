package dev.piedge.sidecar.order;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sidecar checks, before approving, that a payment is for something the shop
 * sells ({@code pi.payments.verification.*}). There is no default mode: a shop must
 * choose one. Bad values stop start-up with a message that names the key to fix.
 *
 * @param mode {@code catalog}, {@code hook} or {@code accept-all}
 * @param catalog the product table, for {@code catalog}
 * @param hook the backend endpoint that decides, for {@code hook}
 */
@ConfigurationProperties("pi.payments.verification")
public record OrderVerificationProperties(Mode mode, @DefaultValue Catalog catalog, @DefaultValue Hook hook) {

	public OrderVerificationProperties {
		if (mode == null) {
			throw new IllegalArgumentException("pi.payments.verification.mode must be set to catalog, hook or "
					+ "accept-all (accept-all approves every payment and is meant for trials only)");
		}
		if (mode == Mode.CATALOG) {
			catalog.validate();
		}
		if (mode == Mode.HOOK) {
			hook.validate();
		}
	}

	public enum Mode {

		CATALOG, HOOK, ACCEPT_ALL

	}

	/**
	 * @param productKey the metadata key that names the product, e.g. {@code productId}
	 * @param products what the shop sells
	 */
	public record Catalog(@DefaultValue("productId") String productKey, @DefaultValue List<Product> products) {

		void validate() {
			if (this.productKey == null || this.productKey.isBlank()) {
				throw new IllegalArgumentException("pi.payments.verification.catalog.product-key must name the "
						+ "metadata key that holds the product, such as productId");
			}
			if (this.products.isEmpty()) {
				throw new IllegalArgumentException(
						"pi.payments.verification.catalog.products must list at least one product when mode is catalog");
			}
			Set<String> ids = new HashSet<>();
			for (Product product : this.products) {
				if (product.id() == null || product.id().isBlank() || product.price() == null
						|| product.price().signum() <= 0) {
					throw new IllegalArgumentException(
							"every pi.payments.verification.catalog.products entry needs an id and a positive price");
				}
				if (!ids.add(product.id())) {
					throw new IllegalArgumentException(
							"pi.payments.verification.catalog.products lists '" + product.id() + "' twice");
				}
			}
		}

	}

	/**
	 * @param id the product key value in the payment's metadata
	 * @param price the exact price in Pi
	 * @param memo when set, the payment's memo must equal it
	 * @param name the display name on the checkout page (and its memo by default); the id
	 * when unset
	 */
	public record Product(String id, BigDecimal price, String memo, String name) {

		/** The name to show: {@code name}, else {@code id}. */
		public String displayName() {
			return (this.name != null && !this.name.isBlank()) ? this.name : this.id;
		}

	}

	/**
	 * @param url where the payment is POSTed; a 2xx approves it
	 * @param timeout how long the backend may take; a timeout refuses
	 */
	public record Hook(URI url, @DefaultValue("3s") Duration timeout) {

		public Hook {
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(
						"pi.payments.verification.hook.timeout must be a positive duration such as 3s, but was "
								+ timeout);
			}
		}

		void validate() {
			if (this.url == null) {
				throw new IllegalArgumentException("pi.payments.verification.hook.url must be set when mode is hook");
			}
			if (!this.url.isAbsolute() || this.url.getHost() == null || !("http".equalsIgnoreCase(this.url.getScheme())
					|| "https".equalsIgnoreCase(this.url.getScheme()))) {
				throw new IllegalArgumentException("pi.payments.verification.hook.url must be an absolute http(s) URL "
						+ "such as https://backend.internal/pi-edge/verify-order, but was '" + this.url + "'");
			}
		}

	}

}
