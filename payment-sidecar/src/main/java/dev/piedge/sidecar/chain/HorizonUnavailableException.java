package dev.piedge.sidecar.chain;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Horizon gave no usable answer to a read: it timed out, the connection failed, it
 * answered 5xx or 429, or its answer could not be read. Reads are retried on it (except
 * an unreadable answer, which is not expected to change) before the caller sees it.
 */
public final class HorizonUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Why Horizon's answer was unusable. */
	public enum Reason {

		/** No complete answer within the timeout. */
		TIMEOUT,
		/** The connection could not be opened, or was closed or reset. */
		CONNECTION,
		/** Horizon answered 5xx. */
		SERVER_ERROR,
		/** Horizon answered 429. */
		RATE_LIMITED,
		/** An answer that could not be read, or a status that was not expected. */
		BAD_RESPONSE

	}

	private final Reason reason;

	private final transient Duration retryAfter;

	private HorizonUnavailableException(String message, Throwable cause, Reason reason, Duration retryAfter) {
		super(message, cause);
		this.reason = reason;
		this.retryAfter = retryAfter;
	}

	/**
	 * Maps a failure of one attempt that is not an HTTP answer: a timeout or a transport
	 * failure. Any other failure passes through unchanged.
	 */
	static Throwable fromTransport(String call, Duration timeout, Throwable failure) {
		if (failure instanceof HorizonUnavailableException || failure instanceof HorizonAccountNotFoundException) {
			return failure;
		}
		if (causedBy(failure, TimeoutException.class)
				|| causedBy(failure, io.netty.handler.timeout.TimeoutException.class)) {
			return timeout(call, timeout);
		}
		if (failure instanceof WebClientRequestException || causedBy(failure, IOException.class)) {
			return connection(call, failure);
		}
		return failure;
	}

	static HorizonUnavailableException timeout(String call, Duration timeout) {
		return new HorizonUnavailableException(
				"Horizon did not answer " + call + " within " + timeout.toMillis() + " ms", null, Reason.TIMEOUT, null);
	}

	static HorizonUnavailableException connection(String call, Throwable cause) {
		return new HorizonUnavailableException(
				"Connection to Horizon failed on " + call + " (" + cause.getClass().getSimpleName() + ")", cause,
				Reason.CONNECTION, null);
	}

	static HorizonUnavailableException serverError(String call, int status, Duration retryAfter) {
		return new HorizonUnavailableException("Horizon answered " + status + " to " + call, null, Reason.SERVER_ERROR,
				retryAfter);
	}

	static HorizonUnavailableException rateLimited(String call, Duration retryAfter) {
		return new HorizonUnavailableException("Horizon rate-limited " + call, null, Reason.RATE_LIMITED, retryAfter);
	}

	static HorizonUnavailableException badResponse(String call, String problem) {
		// No cause: parser exceptions quote the body.
		return new HorizonUnavailableException("Horizon sent an unusable answer to " + call + ": " + problem, null,
				Reason.BAD_RESPONSE, null);
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns why the answer was unusable.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Returns how long Horizon asked callers to wait, from its {@code Retry-After}.
	 * @return the delay, when Horizon sent a readable one with a 429 or 5xx
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
