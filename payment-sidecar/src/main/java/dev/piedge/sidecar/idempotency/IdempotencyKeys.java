package dev.piedge.sidecar.idempotency;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The backend API's {@code Idempotency-Key} headers, and the wrapper for endpoints that
 * must not run without one. Every {@code POST} under {@code /pi-edge/api/} honours the
 * header when it is sent ({@link IdempotencyWebFilter}); an endpoint that moves money
 * also requires it:
 * {@code .POST("/pi-edge/api/payouts", IdempotencyKeys.required(handler::create))}.
 */
public final class IdempotencyKeys {

	/** The request header that names one operation. */
	public static final String HEADER = "Idempotency-Key";

	/** Set to {@code true} on an answer replayed from the first request with the key. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private IdempotencyKeys() {
	}

	/**
	 * The handler, refusing requests without an {@code Idempotency-Key} (400
	 * {@code idempotency_key_required}) before it runs.
	 */
	public static HandlerFunction<ServerResponse> required(HandlerFunction<ServerResponse> handler) {
		return request -> request.headers().header(HEADER).isEmpty()
				? Mono.error(IdempotencyKeyRequiredException.create()) : handler.handle(request);
	}

}
