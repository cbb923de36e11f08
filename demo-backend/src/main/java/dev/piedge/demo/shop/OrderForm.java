package dev.piedge.demo.shop;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import reactor.core.publisher.Mono;

/**
 * A checked order form post.
 *
 * @param item what was ordered
 * @param quantity how many, 1 to {@link #MAX_QUANTITY}
 * @param note free text for the shop, empty when none, at most {@link #MAX_NOTE_LENGTH}
 * characters
 */
record OrderForm(MenuItem item, int quantity, String note) {

	static final int MAX_QUANTITY = 10;

	static final int MAX_NOTE_LENGTH = 200;

	private static final Pattern QUANTITY = Pattern.compile("[0-9]{1,2}");

	/**
	 * Checks the posted fields, or fails with an {@link InvalidOrderException}.
	 */
	static Mono<OrderForm> from(MultiValueMap<String, String> form) {
		List<String> items = form.getOrDefault("item", List.of());
		List<String> quantities = form.getOrDefault("quantity", List.of());
		List<String> notes = form.getOrDefault("note", List.of());
		if (items.size() != 1) {
			return Mono.error(items.isEmpty() ? InvalidOrderException.missingField("item")
					: InvalidOrderException.repeatedField("item"));
		}
		if (quantities.size() != 1) {
			return Mono.error(quantities.isEmpty() ? InvalidOrderException.missingField("quantity")
					: InvalidOrderException.repeatedField("quantity"));
		}
		if (notes.size() > 1) {
			return Mono.error(InvalidOrderException.repeatedField("note"));
		}
		MenuItem item = MenuItem.byId(items.get(0)).orElse(null);
		if (item == null) {
			return Mono.error(InvalidOrderException.unknownItem());
		}
		String quantity = quantities.get(0);
		if (!QUANTITY.matcher(quantity).matches() || Integer.parseInt(quantity) < 1
				|| Integer.parseInt(quantity) > MAX_QUANTITY) {
			return Mono.error(InvalidOrderException.quantityOutOfRange());
		}
		String note = notes.isEmpty() ? "" : notes.get(0);
		if (note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
			return Mono.error(InvalidOrderException.noteTooLong());
		}
		return Mono.just(new OrderForm(item, Integer.parseInt(quantity), note));
	}

}
