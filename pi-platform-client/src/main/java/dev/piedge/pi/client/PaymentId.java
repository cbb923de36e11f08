package dev.piedge.pi.client;

import java.util.regex.Pattern;

/**
 * Identifier of a Pi payment (the {@code identifier} field of a PaymentDTO).
 *
 * <p>
 * Only {@code [A-Za-z0-9_-]{1,64}} is accepted, so a {@code PaymentId} can never carry a
 * path separator, dot segment or percent-encoding into a request URL. Build one from
 * untrusted input with {@link #of(String)}.
 *
 * @param value the identifier as issued by Pi
 */
public record PaymentId(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * Validates the identifier.
	 * @throws IllegalArgumentException if the value is null or not 1-64 characters of
	 * {@code A-Z a-z 0-9 _ -}
	 */
	public PaymentId {
		if (value == null || !VALID.matcher(value).matches()) {
			// The rejected value is not echoed: it is untrusted input that may end up in
			// logs.
			throw new IllegalArgumentException("Pi payment id must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
		}
	}

	/**
	 * Parses an untrusted payment id.
	 * @param value the raw id
	 * @return the validated id
	 * @throws IllegalArgumentException if the value is not a valid payment id
	 */
	public static PaymentId of(String value) {
		return new PaymentId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
