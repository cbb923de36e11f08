package dev.piedge.pi.client;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identifier of a Pi blockchain transaction: exactly 64 hexadecimal characters.
 *
 * <p>
 * Input is accepted in any case and normalised to lowercase, so two spellings of the same
 * hash compare equal. Build one from untrusted input with {@link #of(String)}.
 *
 * @param value the lowercase 64-character hex hash
 */
public record TxId(String value) {

	private static final Pattern VALID = Pattern.compile("[0-9a-f]{64}");

	/**
	 * Validates and normalises the transaction id.
	 * @throws IllegalArgumentException if the value is null or not 64 hexadecimal
	 * characters
	 */
	public TxId {
		if (value == null) {
			throw new IllegalArgumentException("Pi transaction id must be 64 hexadecimal characters, got null");
		}
		value = value.toLowerCase(Locale.ROOT);
		if (!VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("Pi transaction id must be 64 hexadecimal characters");
		}
	}

	/**
	 * Parses an untrusted transaction id.
	 * @param value the raw id, any case
	 * @return the validated, lowercase id
	 * @throws IllegalArgumentException if the value is not 64 hexadecimal characters
	 */
	public static TxId of(String value) {
		return new TxId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
