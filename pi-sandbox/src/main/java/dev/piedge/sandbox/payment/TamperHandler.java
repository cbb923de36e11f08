package dev.piedge.sandbox.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;

/**
 * The unauthenticated admin endpoints {@code /sandbox/tamper}: set, show and delete the
 * rule that makes the SDK emulator create payments with another amount than the page
 * asked for (a browser test of a server's price check).
 */
@Component
class TamperHandler {

	private final PaymentTampering tampering;

	private final JsonBodyReader bodies;

	TamperHandler(PaymentTampering tampering, JsonBodyReader bodies) {
		this.tampering = tampering;
		this.bodies = bodies;
	}

	Mono<ServerResponse> set(ServerRequest request) {
		return bodies.read(request)
			.switchIfEmpty(Mono.error(() -> PiApiException
				.invalidArguments("Send {\"amount\":\"0.01\",\"times\":1} (times is optional).")))
			.flatMap(body -> Mono.fromCallable(() -> TamperRule.from(body)))
			.map(tampering::set)
			.flatMap(rule -> ServerResponse.ok().bodyValue(rule));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		// Map.of refuses the null that "no rule" needs.
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tamper", tampering.current().orElse(null));
		return ServerResponse.ok().bodyValue(body);
	}

	Mono<ServerResponse> clear(ServerRequest request) {
		return Mono.fromRunnable(tampering::clear).then(ServerResponse.noContent().build());
	}

}
