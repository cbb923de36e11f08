package dev.piedge.sandbox.payment;

/** Who pays whom, with the wire names Pi uses in {@code payment.direction}. */
enum Direction {

	USER_TO_APP("user_to_app"), APP_TO_USER("app_to_user");

	private final String wireName;

	Direction(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return wireName;
	}

}
