package dev.piedge.sidecar.checkout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a shop asks for, from the API's JSON body or the link's query. Only product ids
 * and quantities: prices, names and the memo come from the catalog.
 *
 * @param items the products and quantities
 * @param uid the buyer, or {@code null} to bind the first signed-in caller who opens it
 * @param successUrl the raw {@code success_url}
 * @param cancelUrl the raw {@code cancel_url}
 * @param clientReferenceId the shop's reference, or {@code null}
 * @param metadata the shop's metadata, never {@code null}
 * @param expiresInSeconds the session's lifetime, or {@code null} for the default
 */
record CheckoutRequest(List<Item> items, String uid, String successUrl, String cancelUrl, String clientReferenceId,
		Map<String, Object> metadata, Long expiresInSeconds) {

	// Decimals in metadata stay exact, as everywhere money may travel.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * @param product a catalog product id
	 * @param quantity how many, 1 to {@link CheckoutService#MAX_QUANTITY}
	 */
	record Item(String product, long quantity) {
	}

	/** The link's single product. */
	static CheckoutRequest link(String product, String quantity, String uid, String successUrl, String cancelUrl) {
		long count;
		try {
			count = (quantity == null) ? 1 : Long.parseLong(quantity);
		}
		catch (NumberFormatException ex) {
			throw CheckoutException.invalid("quantity must be a whole number.");
		}
		if (product == null || product.isEmpty()) {
			throw CheckoutException.invalid("product is required.");
		}
		return new CheckoutRequest(List.of(new Item(product, count)), uid, successUrl, cancelUrl, null, Map.of(), null);
	}

	/**
	 * The API's body. A field of the wrong type is refused by name; the parser's own
	 * message, which may quote the body, is not passed on.
	 */
	static CheckoutRequest parse(String body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			throw CheckoutException.invalid("The body must be a JSON object.");
		}
		if (root == null || !root.isObject()) {
			throw CheckoutException.invalid("The body must be a JSON object.");
		}
		JsonNode lines = root.get("line_items");
		if (lines == null || !lines.isArray() || lines.isEmpty()) {
			throw CheckoutException.invalid("line_items must be a non-empty array of {product, quantity}.");
		}
		List<Item> items = new ArrayList<>();
		for (JsonNode line : lines) {
			JsonNode product = (line != null && line.isObject()) ? line.get("product") : null;
			JsonNode quantity = (line != null && line.isObject()) ? line.get("quantity") : null;
			if (product == null || !product.isString()) {
				throw CheckoutException.invalid("Each line item needs a product id.");
			}
			if (quantity != null && !quantity.isIntegralNumber()) {
				throw CheckoutException.invalid("A line item's quantity must be a whole number.");
			}
			items.add(new Item(product.asString(), (quantity == null) ? 1 : quantity.asLong()));
		}
		JsonNode metadata = root.get("metadata");
		if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
			throw CheckoutException.invalid("metadata must be a JSON object.");
		}
		JsonNode expires = root.get("expires_in_seconds");
		if (expires != null && !expires.isNull() && !expires.isIntegralNumber()) {
			throw CheckoutException.invalid("expires_in_seconds must be a whole number.");
		}
		Map<String, Object> meta = (metadata == null || metadata.isNull()) ? Map.of()
				: JSON.convertValue(metadata, LinkedHashMap.class);
		return new CheckoutRequest(items, text(root, "uid"), text(root, "success_url"), text(root, "cancel_url"),
				text(root, "client_reference_id"), meta,
				(expires == null || expires.isNull()) ? null : expires.asLong());
	}

	private static String text(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw CheckoutException.invalid(field + " must be a string.");
		}
		return value.asString();
	}

}
