package dev.piedge.demo.shop;

/**
 * An order form post the shop cannot take: a field missing, repeated or out of range. The
 * message says what to fix and never repeats what the client sent.
 */
final class InvalidOrderException extends RuntimeException {

	private InvalidOrderException(String message) {
		// An expected client mistake: no stack trace to fill or log.
		super(message, null, false, false);
	}

	static InvalidOrderException missingField(String field) {
		return new InvalidOrderException("The order form needs exactly one '" + field
				+ "' field (a form post, application/x-www-form-urlencoded).");
	}

	static InvalidOrderException repeatedField(String field) {
		return new InvalidOrderException("The order form has more than one '" + field + "' field.");
	}

	static InvalidOrderException unknownItem() {
		return new InvalidOrderException("The item is not on the menu.");
	}

	static InvalidOrderException quantityOutOfRange() {
		return new InvalidOrderException(
				"The quantity must be a whole number from 1 to " + OrderForm.MAX_QUANTITY + ".");
	}

	static InvalidOrderException noteTooLong() {
		return new InvalidOrderException("The note may have at most " + OrderForm.MAX_NOTE_LENGTH + " characters.");
	}

}
