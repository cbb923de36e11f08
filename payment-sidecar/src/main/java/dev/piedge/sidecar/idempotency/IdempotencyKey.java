package dev.piedge.sidecar.idempotency;

import java.util.List;

/**
 * An {@code Idempotency-Key} header's value: 1 to {@value #MAX_LENGTH} printable ASCII
 * characters, as Stripe takes it, or the same as a quoted string (the IETF draft's
 * structured-field form, {@code "…"}), which is the same key.
 *
 * @param value the key without quotes
 */
record IdempotencyKey(String value) {

	static final int MAX_LENGTH = 255;

	/**
	 * The key sent in the header's values.
	 * @throws InvalidIdempotencyKeyException when there are several, or the value is not
	 * a key
	 */
	static IdempotencyKey parse(List<String> values) {
		if (values.size() > 1) {
			throw InvalidIdempotencyKeyException.because("Send one Idempotency-Key header, not " + values.size() + ".");
		}
		String value = values.get(0).strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
			if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
				throw InvalidIdempotencyKeyException.because("A quoted Idempotency-Key holds no quote or backslash.");
			}
		}
		if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
			throw InvalidIdempotencyKeyException
				.because("An Idempotency-Key is 1 to " + MAX_LENGTH + " printable ASCII characters, such as a UUID.");
		}
		return new IdempotencyKey(value);
	}

}
