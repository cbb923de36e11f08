package dev.piedge.sandbox.payment;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

import dev.piedge.sandbox.error.PiApiException;

/**
 * The validated {@code amount}, {@code memo} and {@code metadata} of a payment to create,
 * as Pi's SDKs send them.
 */
record PaymentRequest(BigDecimal amount, String memo, JsonNode metadata) {

	// Beyond Pi's total supply; also keeps a hostile 1e999999 from being expanded to a
	// million digits.
	private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e12");

	// Stellar amounts have 7 decimal places.
	private static final int MAX_DECIMALS = 7;

	/**
	 * Validates the fields of {@code body}; a missing field is {@code invalid_arguments},
	 * a present but bad amount {@code invalid_amount}, and metadata that is not an object
	 * {@code invalid_metadata}.
	 */
	static PaymentRequest from(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw PiApiException.invalidArguments("The payment must be a JSON object with amount, memo and metadata.");
		}
		JsonNode amount = required(body, "amount");
		JsonNode memo = required(body, "memo");
		JsonNode metadata = required(body, "metadata");
		if (!memo.isString()) {
			throw PiApiException.invalidArguments("'memo' must be a string.");
		}
		return new PaymentRequest(amount(amount), memo.stringValue(), metadata(metadata));
	}

	static JsonNode required(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			throw PiApiException.invalidArguments("'" + field + "' is required.");
		}
		return value;
	}

	private static BigDecimal amount(JsonNode node) {
		if (!node.isNumber()) {
			throw PiApiException.invalidAmount("'amount' must be a JSON number.");
		}
		BigDecimal amount = node.decimalValue();
		String problem = amountProblem(amount);
		if (problem != null) {
			throw PiApiException.invalidAmount(problem);
		}
		return plain(amount);
	}

	/** Why {@code amount} cannot be a payment's amount, or {@code null} when it can. */
	static String amountProblem(BigDecimal amount) {
		if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) >= 0) {
			return "'amount' must be greater than 0 and less than " + MAX_AMOUNT.toPlainString() + ".";
		}
		if (amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
			return "'amount' has more than " + MAX_DECIMALS + " decimal places.";
		}
		return null;
	}

	/** 1E+1 is valid JSON but surprising in a response; write it as 10. */
	static BigDecimal plain(BigDecimal amount) {
		return (amount.scale() < 0) ? amount.setScale(0) : amount;
	}

	/** This payment as a tampering client would send it: with another amount. */
	PaymentRequest withAmount(BigDecimal amount) {
		return new PaymentRequest(amount, this.memo, this.metadata);
	}

	private static JsonNode metadata(JsonNode node) {
		if (!node.isObject()) {
			throw PiApiException.invalidMetadata();
		}
		return node.deepCopy();
	}
}
