package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.piedge.sandbox.error.PiApiException;

/**
 * A rule of {@code PUT /sandbox/tamper}: the SDK emulator's next payments are created
 * with {@code amount} instead of what the page asked for, as a client that changed the
 * price would. {@code times} limits it to the next N payments; without it the rule holds
 * until deleted.
 *
 * @param amount the amount the payments are created with
 * @param times how many payments it applies to, or {@code null} for all until deleted
 */
record TamperRule(BigDecimal amount, Integer times) {

	private static final Set<String> FIELDS = Set.of("amount", "times");

	/**
	 * Validates a rule as sent: {@code amount} a positive decimal (JSON number or string)
	 * that a payment may have, {@code times} a whole number of at least 1. Anything else
	 * is {@code invalid_arguments}.
	 */
	static TamperRule from(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw PiApiException.invalidArguments("Send {\"amount\":\"0.01\",\"times\":1} (times is optional).");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				// A typo such as "amont" would otherwise leave the payment untouched.
				throw PiApiException.invalidArguments("Unknown field '" + field + "'; a rule has amount and times.");
			}
		}
		return new TamperRule(amount(body.get("amount")), times(body.get("times")));
	}

	private static BigDecimal amount(JsonNode node) {
		BigDecimal amount;
		if (node != null && node.isNumber()) {
			amount = node.decimalValue();
		}
		else if (node != null && node.isString() && node.stringValue().matches("[0-9]{1,13}(\\.[0-9]{1,7})?")) {
			amount = new BigDecimal(node.stringValue());
		}
		else {
			throw PiApiException.invalidArguments("'amount' must be a decimal, e.g. \"0.01\".");
		}
		String problem = PaymentRequest.amountProblem(amount);
		if (problem != null) {
			throw PiApiException.invalidArguments(problem);
		}
		return PaymentRequest.plain(amount);
	}

	private static Integer times(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
			throw PiApiException
				.invalidArguments("'times' must be a whole number of at least 1; leave it out to apply until deleted.");
		}
		return node.intValue();
	}

}
