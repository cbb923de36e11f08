package dev.piedge.sandbox.fault;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.piedge.sandbox.error.PiApiException;

/**
 * One fault to inject into calls of an endpoint ({@code "*"} = all). A rule delays the
 * answer by {@code latencyMs}, replaces it with {@code status}, or never answers
 * ({@code hang}); latency combines with the other two. With {@code applied}, the call is
 * carried out first (a submitted transaction lands) and only its answer is replaced by
 * {@code status} or {@code hang}. {@code resultCode} makes a Horizon submission fail with
 * that transaction result code without landing. {@code times} limits the rule to the next
 * N matching calls; without it the rule stays until cleared.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FaultRule(Long id, String endpoint, Long latencyMs, Integer status, Integer retryAfterSeconds, Boolean hang,
		Integer times, Boolean applied, String resultCode) {

	static final String ANY_ENDPOINT = "*";

	/**
	 * The result codes a submission can be made to fail with: those a client must handle
	 * without a bug on its side.
	 */
	static final List<String> RESULT_CODES = List.of("tx_bad_seq", "tx_too_early", "tx_too_late", "tx_insufficient_fee",
			"tx_insufficient_balance", "tx_internal_error");

	private static final long MAX_LATENCY_MS = 600_000;

	/** Validates a rule as sent to {@code PUT /sandbox/faults} and gives it its id. */
	static FaultRule create(long id, FaultRule request) {
		String endpoint = request.endpoint();
		if (endpoint == null || (!ANY_ENDPOINT.equals(endpoint) && PiEndpoint.fromKey(endpoint).isEmpty())) {
			throw PiApiException.invalidArguments("'endpoint' must be '*' or one of " + endpointKeys());
		}
		boolean hang = Boolean.TRUE.equals(request.hang());
		long latency = (request.latencyMs() != null) ? request.latencyMs() : 0;
		if (latency < 0 || latency > MAX_LATENCY_MS) {
			throw PiApiException.invalidArguments("'latencyMs' must be between 0 and " + MAX_LATENCY_MS);
		}
		Integer status = request.status();
		if (status != null && (status < 400 || status > 599)) {
			throw PiApiException.invalidArguments("'status' must be an error status between 400 and 599");
		}
		if (hang && status != null) {
			throw PiApiException.invalidArguments("'hang' never answers, so it cannot be combined with 'status'");
		}
		Integer retryAfter = request.retryAfterSeconds();
		if (retryAfter != null && (retryAfter < 0 || status == null || status != 429)) {
			throw PiApiException.invalidArguments("'retryAfterSeconds' must be >= 0 and goes with 'status': 429");
		}
		if (status != null && status == 429 && retryAfter == null) {
			retryAfter = 1;
		}
		if (request.times() != null && request.times() < 1) {
			throw PiApiException.invalidArguments("'times' must be at least 1; leave it out to apply until cleared");
		}
		boolean applied = Boolean.TRUE.equals(request.applied());
		if (applied && !hang && status == null) {
			throw PiApiException
				.invalidArguments("'applied' carries the call out and then answers with 'status' or 'hang'; give one");
		}
		String resultCode = request.resultCode();
		if (resultCode != null) {
			if (!PiEndpoint.HORIZON_SUBMIT.key().equals(endpoint)) {
				throw PiApiException.invalidArguments("'resultCode' goes with the endpoint 'horizon.submit'");
			}
			if (!RESULT_CODES.contains(resultCode)) {
				throw PiApiException.invalidArguments("'resultCode' must be one of " + String.join(", ", RESULT_CODES));
			}
			if (hang || status != null) {
				throw PiApiException
					.invalidArguments("'resultCode' is the answer, so it cannot be combined with 'status' or 'hang'");
			}
		}
		else if (!hang && status == null && latency == 0) {
			throw PiApiException
				.invalidArguments("A fault needs at least one of 'latencyMs', 'status', 'hang' or 'resultCode'");
		}
		return new FaultRule(id, endpoint, (latency > 0) ? latency : null, status, retryAfter, hang ? true : null,
				request.times(), applied ? true : null, resultCode);
	}

	boolean matches(PiEndpoint called) {
		return ANY_ENDPOINT.equals(endpoint) || called.key().equals(endpoint);
	}

	boolean hangs() {
		return Boolean.TRUE.equals(hang);
	}

	boolean isApplied() {
		return Boolean.TRUE.equals(applied);
	}

	private static String endpointKeys() {
		StringBuilder keys = new StringBuilder();
		for (PiEndpoint endpoint : PiEndpoint.values()) {
			keys.append((keys.length() == 0) ? "" : ", ").append(endpoint.key());
		}
		return keys.toString();
	}
}
