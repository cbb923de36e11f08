package dev.piedge.pi.client;

import io.netty.channel.ChannelException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Turns what comes back from Pi into either a DTO or exactly one {@link PiApiException}:
 * success bodies, error statuses with their (possibly HTML, empty or truncated) bodies,
 * and transport failures.
 */
final class PiResponseDecoder {

	/**
	 * Error codes are short identifiers; anything else in {@code error} is treated as no
	 * code.
	 */
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/**
	 * Documented payment error codes. Pi sends some of them with 401/403 (e.g.
	 * {@code missing_scope}, {@code forbidden} on cancel), and those are about the
	 * request, not the key; any other 401/403 to a Key call means the key was refused.
	 */
	private static final Set<String> DOCUMENTED_PAYMENT_CODES = PiErrorCodes.DOCUMENTED;

	private final JsonMapper mapper;

	private final Clock clock;

	private final Duration timeout;

	private final String keyFingerprint;

	PiResponseDecoder(Clock clock, Duration timeout, String keyFingerprint) {
		// A private mapper, so an application's global Jackson settings cannot change how
		// Pi is read:
		// amounts and metadata numbers stay exact, unknown fields are ignored, missing
		// flags read false.
		this.mapper = JsonMapper.builder()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			.build();
		this.clock = clock;
		this.timeout = timeout;
		this.keyFingerprint = keyFingerprint;
	}

	/** Serialises a request body with the same exact-number settings used for reading. */
	byte[] write(Object body) {
		return mapper.writeValueAsBytes(body);
	}

	/** Reads a 2xx body; an empty, null or unreadable body fails as BAD_RESPONSE. */
	<T> Mono<T> read(PiEndpoint endpoint, byte[] body, Class<T> type) {
		if (body == null || body.length == 0) {
			return Mono.error(PiApiUnavailableException.badResponse(endpoint.toString(), "empty body"));
		}
		T value;
		try {
			value = mapper.readValue(body, type);
		}
		catch (RuntimeException e) {
			// Covers malformed JSON and DTO invariants (IllegalArgumentException wrapped
			// by Jackson).
			return Mono.error(PiApiUnavailableException.badResponse(endpoint.toString(),
					"body is not a valid " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")"));
		}
		if (value == null) {
			return Mono.error(PiApiUnavailableException.badResponse(endpoint.toString(), "body is JSON null"));
		}
		return Mono.just(value);
	}

	/**
	 * Maps a non-2xx answer.
	 * @param body the body, empty if none or too large to read
	 * @param retryAfterHeader the raw {@code Retry-After} header, nullable
	 */
	PiApiException fromStatus(PiEndpoint endpoint, int status, String retryAfterHeader, byte[] body) {
		String name = endpoint.toString();
		if (status == 429) {
			return PiApiUnavailableException.rateLimited(name, retryAfter(retryAfterHeader, clock).orElse(null));
		}
		if (status >= 500 && status <= 599) {
			return PiApiUnavailableException.serverError(name, status,
					retryAfter(retryAfterHeader, clock).orElse(null));
		}
		if (status < 400 || status > 499) {
			// Redirects are not followed and 1xx/3xx are never expected from Pi.
			return PiApiUnavailableException.badResponse(name, "unexpected status " + status);
		}
		ErrorBody error = parseError(body);
		if (!endpoint.keyAuthenticated() && status == 401) {
			return PiAccessTokenRejectedException.rejectedByPi();
		}
		if (endpoint.keyAuthenticated() && (status == 401 || status == 403)
				&& (error.code == null || !DOCUMENTED_PAYMENT_CODES.contains(error.code))) {
			return PiApiKeyRejectedException.rejected(status, name, keyFingerprint);
		}
		String code = error.code;
		if (code == null) {
			code = status == 404 && endpoint.keyAuthenticated() ? PiErrorCodes.PAYMENT_NOT_FOUND
					: PiApiErrorException.UNSPECIFIED;
		}
		return PiApiErrorException.of(name, status, code, error.payment, error.verificationError);
	}

	/**
	 * Maps a failure that is not an HTTP answer; failures it does not recognise pass
	 * through unchanged.
	 */
	Throwable fromTransport(PiEndpoint endpoint, Throwable error) {
		if (error instanceof PiApiException) {
			return error;
		}
		String name = endpoint.toString();
		if (causedBy(error, TimeoutException.class)
				|| causedBy(error, io.netty.handler.timeout.TimeoutException.class)) {
			return PiApiUnavailableException.timeout(name, timeout);
		}
		if (causedBy(error, DataBufferLimitException.class)) {
			return PiApiUnavailableException.badResponse(name, "body larger than pi.api.max-response-size");
		}
		if (error instanceof WebClientRequestException || causedBy(error, IOException.class)
				|| causedBy(error, ChannelException.class) || causedBy(error, AbortedException.class)) {
			return PiApiUnavailableException.connection(name, error);
		}
		return error;
	}

	/**
	 * Parses {@code Retry-After} as delay-seconds or an HTTP date, capped at
	 * {@link PiApiUnavailableException#MAX_RETRY_AFTER}; a date in the past reads as
	 * zero.
	 * @return the delay, or empty if absent or unreadable
	 */
	static Optional<Duration> retryAfter(String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String value = header.strip();
		Duration delay;
		if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			// More than 9 digits is far beyond the cap; avoid overflowing the parse.
			delay = value.length() > 9 ? PiApiUnavailableException.MAX_RETRY_AFTER
					: Duration.ofSeconds(Long.parseLong(value));
		}
		else {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				delay = Duration.between(clock.instant(), at);
			}
			catch (DateTimeParseException e) {
				return Optional.empty();
			}
		}
		if (delay.isNegative()) {
			return Optional.of(Duration.ZERO);
		}
		return Optional.of(delay.compareTo(PiApiUnavailableException.MAX_RETRY_AFTER) > 0
				? PiApiUnavailableException.MAX_RETRY_AFTER : delay);
	}

	private ErrorBody parseError(byte[] body) {
		if (body == null || body.length == 0) {
			return ErrorBody.NONE;
		}
		JsonNode root;
		try {
			root = mapper.readTree(body);
		}
		catch (RuntimeException e) {
			// Error pages (HTML from a proxy, truncated JSON) carry no code; the status
			// alone decides.
			return ErrorBody.NONE;
		}
		if (root == null || !root.isObject()) {
			return ErrorBody.NONE;
		}
		PiPayment payment = null;
		JsonNode paymentNode = root.path("payment");
		if (paymentNode.isObject()) {
			try {
				payment = mapper.treeToValue(paymentNode, PiPayment.class);
			}
			catch (RuntimeException e) {
				// The code is still meaningful without an unreadable payment extra.
				payment = null;
			}
		}
		return new ErrorBody(identifier(root.path("error")), payment, identifier(root.path("verification_error")));
	}

	private static String identifier(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		String value = node.asString();
		return CODE.matcher(value).matches() ? value : null;
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private record ErrorBody(String code, PiPayment payment, String verificationError) {
		static final ErrorBody NONE = new ErrorBody(null, null, null);

	}

}
