package dev.piedge.demo.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A checkout session the sidecar reported paid ({@code checkout.session.completed}), as
 * much of it as the success page shows.
 *
 * @param sessionId the session ({@code cs_…})
 * @param buyer the buyer's uid, the only visitor shown the order
 * @param items what was bought
 * @param total the total in Pi, as the sidecar wrote it
 * @param txid the blockchain transaction
 */
record PaidCheckout(String sessionId, String buyer, List<Item> items, String total, String txid) {

	static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_-]{1,100}");

	/** One line of the order. */
	record Item(String name, String quantity, String amount) {
	}

	/**
	 * The session in a {@code checkout.session.completed} event's {@code data}.
	 * @throws InvalidWebhookException when a field the page needs is missing or odd
	 */
	static PaidCheckout from(JsonNode data) {
		if (data == null || !data.isObject()) {
			throw InvalidWebhookException.because("data is not a checkout session");
		}
		String id = text(data, "id");
		if (!SESSION_ID.matcher(id).matches()) {
			throw InvalidWebhookException.because("data.id is not a checkout session id");
		}
		JsonNode lines = data.get("line_items");
		if (lines == null || !lines.isArray() || lines.isEmpty()) {
			throw InvalidWebhookException.because("data.line_items is missing");
		}
		List<Item> items = new ArrayList<>();
		for (JsonNode line : lines) {
			String name = line.has("name") && line.get("name").isString() ? text(line, "name") : text(line, "product");
			items.add(new Item(name, text(line, "quantity"), text(line, "amount")));
		}
		return new PaidCheckout(id, text(data, "uid"), List.copyOf(items), text(data, "total"), text(data, "txid"));
	}

	/** A string or a number, exactly as written. */
	private static String text(JsonNode parent, String field) {
		JsonNode node = parent.get(field);
		if (node != null && node.isString() && !node.stringValue().isBlank()) {
			return node.stringValue();
		}
		if (node != null && node.isNumber()) {
			return node.decimalValue().toPlainString();
		}
		throw InvalidWebhookException.because("'" + field + "' is missing");
	}

}
