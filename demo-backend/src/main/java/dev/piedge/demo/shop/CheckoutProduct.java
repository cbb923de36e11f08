package dev.piedge.demo.shop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the shop sells through pi-edge's hosted checkout. The ids are products of the
 * sidecar's catalog ({@code pi.payments.verification.catalog.products} in
 * config/payment-sidecar.yml), which alone holds the prices: the shop only links to them.
 */
enum CheckoutProduct {

	GREEN_TEA("green-tea", "Green tea"),

	COFFEE("coffee", "Coffee");

	/**
	 * Where the buyer lands after paying: the sidecar puts the session id in place of the
	 * placeholder.
	 */
	static final String SUCCESS_URL = "/orders/checkout/{CHECKOUT_SESSION_ID}";

	static final String CANCEL_URL = "/";

	private final String id;

	private final String label;

	CheckoutProduct(String id, String label) {
		this.id = id;
		this.label = label;
	}

	String id() {
		return this.id;
	}

	String label() {
		return this.label;
	}

	/** The checkout link for one of these: a plain {@code <a href>}, no Pi code. */
	String buyLink() {
		return "/pi-edge/checkout?product=" + encode(this.id) + "&quantity=1&success_url=" + encode(SUCCESS_URL)
				+ "&cancel_url=" + encode(CANCEL_URL);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
