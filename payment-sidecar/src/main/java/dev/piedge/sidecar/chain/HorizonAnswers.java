package dev.piedge.sidecar.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.piedge.pi.client.TxId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Horizon's answers (HAL JSON, and RFC 7807 problems with {@code extras} for
 * failures) into the client's results. It trusts nothing: every field it uses is checked,
 * and an answer it cannot read is never taken for a success or a refusal.
 */
final class HorizonAnswers {

	/**
	 * Longest {@code Retry-After} taken as given; a broken header cannot park callers.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

	/** Result codes and problem types are short identifiers; anything else is ignored. */
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final Clock clock;

	HorizonAnswers(Clock clock) {
		this.clock = clock;
	}

	Mono<HorizonAccount> account(String call, String accountId, HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		if (body == null) {
			return notAnObject(call);
		}
		String id = body.path("account_id").isString() ? body.path("account_id").asString()
				: body.path("id").asString();
		if (!accountId.equals(id)) {
			return Mono.error(HorizonUnavailableException.badResponse(call, "the answer is about another account"));
		}
		long sequence = wholeNumber(body.path("sequence"));
		if (sequence < 0 || sequence == Long.MAX_VALUE) {
			return Mono.error(HorizonUnavailableException.badResponse(call, "no readable sequence"));
		}
		return Mono.just(new HorizonAccount(accountId, sequence));
	}

	Mono<Long> baseFee(String call, HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		if (body == null) {
			return notAnObject(call);
		}
		long fee = wholeNumber(body.path("last_ledger_base_fee"));
		if (fee <= 0) {
			return Mono.error(HorizonUnavailableException.badResponse(call, "no readable last_ledger_base_fee"));
		}
		return Mono.just(fee);
	}

	/** A 200 to a submission, which Horizon only sends for a transaction in a ledger. */
	SubmitOutcome submitted(TxId txid, HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		if (body == null) {
			return new SubmitOutcome.Unknown("Horizon answered " + answer.status() + " with an unreadable body");
		}
		if (!txid.value().equals(hash(body))) {
			return new SubmitOutcome.Unknown("Horizon answered " + answer.status() + " about another transaction");
		}
		if (body.path("successful").isBoolean() && !body.path("successful").asBoolean()) {
			return new SubmitOutcome.Refused(answer.status(), "transaction_failed", "tx_failed", List.of());
		}
		long ledger = wholeNumber(body.path("ledger"));
		return (ledger > 0) ? new SubmitOutcome.Landed(txid, ledger)
				: new SubmitOutcome.Unknown("Horizon answered " + answer.status() + " without a ledger");
	}

	/**
	 * A 4xx to a submission: a refusal only with Horizon's problem body, since a 4xx from
	 * anything else (a proxy, a wrong URL) says nothing about the transaction.
	 */
	SubmitOutcome refused(HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		String type = (body != null) ? problemType(body) : null;
		if (type == null) {
			return new SubmitOutcome.Unknown("Horizon answered " + answer.status() + " without a problem body");
		}
		JsonNode codes = body.path("extras").path("result_codes");
		String transactionCode = code(codes.path("transaction"));
		List<String> operationCodes = new ArrayList<>();
		for (JsonNode operation : codes.path("operations")) {
			String code = code(operation);
			if (code != null) {
				operationCodes.add(code);
			}
		}
		return new SubmitOutcome.Refused(answer.status(), type, transactionCode, operationCodes);
	}

	Mono<TransactionLookup> found(String call, TxId txid, HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		if (body == null) {
			return notAnObject(call);
		}
		long ledger = wholeNumber(body.path("ledger"));
		if (!txid.value().equals(hash(body)) || ledger <= 0 || !body.path("successful").isBoolean()) {
			return Mono.error(HorizonUnavailableException.badResponse(call,
					"no hash, ledger or successful for this transaction"));
		}
		String memoType = body.path("memo_type").isString() ? body.path("memo_type").asString() : "none";
		String memo = body.path("memo").isString() ? body.path("memo").asString() : null;
		return Mono
			.just(new TransactionLookup.Landed(txid, ledger, body.path("successful").asBoolean(), memoType, memo));
	}

	/**
	 * Whether a 404 is Horizon's own {@code not_found} problem, not some other server's.
	 */
	boolean isNotFoundProblem(HorizonAnswer answer) {
		JsonNode body = readTree(answer);
		return body != null && "not_found".equals(problemType(body));
	}

	/** A status that is not the call's answer: retried when it is a 5xx or a 429. */
	<T> Mono<T> unavailable(String call, HorizonAnswer answer) {
		if (answer.status() == 429) {
			return Mono.error(HorizonUnavailableException.rateLimited(call, answer.retryAfter()));
		}
		if (answer.status() >= 500 && answer.status() <= 599) {
			return Mono.error(HorizonUnavailableException.serverError(call, answer.status(), answer.retryAfter()));
		}
		return Mono.error(HorizonUnavailableException.badResponse(call, "unexpected status " + answer.status()));
	}

	/**
	 * Parses {@code Retry-After} as seconds or an HTTP date, capped at
	 * {@link #MAX_RETRY_AFTER}.
	 * @return the delay, or null when absent or unreadable
	 */
	Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		Duration delay;
		if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			delay = (value.length() > 9) ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
		}
		else {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				delay = Duration.between(this.clock.instant(), at);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private static <T> Mono<T> notAnObject(String call) {
		return Mono.error(HorizonUnavailableException.badResponse(call, "the body is not a JSON object"));
	}

	/** The body as a JSON object, or null when there is none or it is not one. */
	private JsonNode readTree(HorizonAnswer answer) {
		if (answer.body() == null || answer.body().length == 0) {
			return null;
		}
		try {
			JsonNode body = this.mapper.readTree(answer.body());
			return (body != null && body.isObject()) ? body : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The last segment of a problem's {@code type} URL, when the body is a problem. */
	private static String problemType(JsonNode body) {
		if (!body.path("type").isString() || !body.path("status").isNumber()) {
			return null;
		}
		String type = body.path("type").asString();
		return code(type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
	}

	private static String hash(JsonNode body) {
		JsonNode hash = body.path("hash").isString() ? body.path("hash") : body.path("id");
		return hash.isString() ? hash.asString().toLowerCase(Locale.ROOT) : null;
	}

	private static String code(JsonNode node) {
		return node.isString() ? code(node.asString()) : null;
	}

	private static String code(String text) {
		return CODE.matcher(text).matches() ? text : null;
	}

	/**
	 * A whole number sent as a JSON number or a string (Horizon sends int64 as strings).
	 */
	private static long wholeNumber(JsonNode node) {
		try {
			if (node.isIntegralNumber() && node.canConvertToLong()) {
				return node.asLong();
			}
			if (node.isString() && node.asString().matches("[0-9]{1,19}")) {
				return Long.parseLong(node.asString());
			}
		}
		catch (NumberFormatException ex) {
			// Above Long.MAX_VALUE: as unreadable as any other value.
		}
		return -1;
	}

}
