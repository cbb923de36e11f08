package dev.piedge.demo.shop;

/**
 * A correctly signed webhook whose body the shop cannot read: a bug on the sender's side,
 * answered 400 {@code invalid_event}.
 */
final class InvalidWebhookException extends RuntimeException {

	private InvalidWebhookException(String message) {
		super(message);
	}

	static InvalidWebhookException because(String reason) {
		return new InvalidWebhookException("The event cannot be read: " + reason + ".");
	}

}
