package dev.piedge.sandbox.fault;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;

/**
 * The unauthenticated admin endpoints {@code /sandbox/faults} and {@code /sandbox/calls}.
 */
@Component
class FaultHandler {

	private final FaultRegistry faults;

	private final CallCounter calls;

	private final JsonBodyReader bodies;

	private final ObjectReader ruleReader;

	FaultHandler(FaultRegistry faults, CallCounter calls, JsonBodyReader bodies, JsonMapper jsonMapper) {
		this.faults = faults;
		this.calls = calls;
		this.bodies = bodies;
		// A typo such as "latency" would otherwise be ignored silently and the fault
		// would not do what was meant.
		this.ruleReader = jsonMapper.readerFor(FaultRule.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	Mono<ServerResponse> addFault(ServerRequest request) {
		return bodies.read(request)
			.switchIfEmpty(Mono.error(() -> PiApiException.invalidArguments("Send a fault rule as the JSON body")))
			.flatMap(this::toRule)
			.flatMap(rule -> Mono.fromCallable(() -> faults.add(rule)))
			.flatMap(rule -> ServerResponse.status(HttpStatus.CREATED).bodyValue(rule));
	}

	Mono<ServerResponse> listFaults(ServerRequest request) {
		return ServerResponse.ok().bodyValue(Map.of("faults", faults.list()));
	}

	Mono<ServerResponse> clearFaults(ServerRequest request) {
		return Mono.fromRunnable(faults::clear).then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> listCalls(ServerRequest request) {
		return ServerResponse.ok().bodyValue(calls.snapshot());
	}

	Mono<ServerResponse> resetCalls(ServerRequest request) {
		return Mono.fromRunnable(calls::reset).then(ServerResponse.noContent().build());
	}

	private Mono<FaultRule> toRule(JsonNode body) {
		if (!body.isObject()) {
			return Mono.error(PiApiException.invalidArguments("A fault rule must be a JSON object"));
		}
		if (body.has("id")) {
			return Mono.error(PiApiException.invalidArguments("'id' is assigned by the sandbox"));
		}
		try {
			return Mono.just(ruleReader.readValue(body));
		}
		catch (JacksonException ex) {
			return Mono.error(PiApiException.invalidArguments("Not a valid fault rule: " + ex.getOriginalMessage()));
		}
	}

}
