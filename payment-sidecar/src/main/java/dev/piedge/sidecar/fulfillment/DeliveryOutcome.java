package dev.piedge.sidecar.fulfillment;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelException;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * What one delivery attempt came to. The error text names a status code or an exception
 * class only: the backend's response body never reaches the database or the logs.
 *
 * @param delivered whether the backend accepted the event (any 2xx)
 * @param outcome the metric tag: {@code delivered}, {@code http_error}, {@code timeout},
 * {@code connection_error} or {@code error}
 * @param error a short description for {@code last_error}; {@code null} when delivered
 */
record DeliveryOutcome(boolean delivered, String outcome, String error) {

	static DeliveryOutcome accepted() {
		return new DeliveryOutcome(true, "delivered", null);
	}

	static DeliveryOutcome rejected(int status) {
		return new DeliveryOutcome(false, "http_error", "HTTP " + status);
	}

	static DeliveryOutcome failed(Throwable error, Duration timeout) {
		boolean io = false;
		Throwable root = error;
		// Bounded walk: a cause chain can, in theory, loop back on itself.
		Throwable t = error;
		for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
			if (t instanceof TimeoutException || t instanceof ReadTimeoutException) {
				return new DeliveryOutcome(false, "timeout", "no response within " + timeout);
			}
			io |= t instanceof IOException || t instanceof ChannelException;
			root = t;
		}
		return new DeliveryOutcome(false, io ? "connection_error" : "error",
				(io ? "connection error: " : "error: ") + root.getClass().getName());
	}

}
