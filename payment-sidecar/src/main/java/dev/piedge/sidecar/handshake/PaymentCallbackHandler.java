package dev.piedge.sidecar.handshake;

import java.util.Optional;
import java.util.function.BiFunction;

import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.identity.CallerIdentityService;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import reactor.core.publisher.Mono;

/**
 * The HTTP side of the payment callbacks that pi-sdk-js and the pi-apps demo send
 * (through the proxy): reads the caller from {@code X-Pi-Identity} and the ids from the
 * JSON body, and answers 200 with the payment, or 202 while another callback is still
 * working on it.
 */
@Component
class PaymentCallbackHandler {

	private static final int MAX_ERROR_TEXT = 300;

	private final HandshakeService handshake;

	private final CallerIdentityService identities;

	PaymentCallbackHandler(HandshakeService handshake, CallerIdentityService identities) {
		this.handshake = handshake;
		this.identities = identities;
	}

	Mono<ServerResponse> approve(ServerRequest request) {
		return callback(request, (body, caller) -> this.handshake.approve(text(body, "paymentId"), caller));
	}

	/** pi-sdk-js sends {@code transactionId}; the pi-apps demo sends {@code txid}. */
	Mono<ServerResponse> complete(ServerRequest request) {
		return callback(request, (body, caller) -> {
			String transactionId = text(body, "transactionId");
			String txid = text(body, "txid");
			if (transactionId != null && txid != null && !transactionId.equals(txid)) {
				return Mono.error(InvalidCallbackException.badBody("transactionId and txid differ."));
			}
			return this.handshake.complete(text(body, "paymentId"), (transactionId != null) ? transactionId : txid,
					caller);
		});
	}

	Mono<ServerResponse> cancel(ServerRequest request) {
		return callback(request, (body, caller) -> this.handshake.cancel(text(body, "paymentId"), caller));
	}

	/**
	 * Takes only the payment's id, from {@code paymentId} or the demo's
	 * {@code payment.identifier}.
	 */
	Mono<ServerResponse> incomplete(ServerRequest request) {
		return callback(request, (body, caller) -> {
			String id = text(body, "paymentId");
			if (id == null && body.get("payment") != null && body.get("payment").isObject()) {
				id = text(body.get("payment"), "identifier");
			}
			return this.handshake.incomplete(id, caller);
		});
	}

	Mono<ServerResponse> error(ServerRequest request) {
		return callback(request, (body, caller) -> {
			JsonNode error = body.get("error");
			String text = (error == null || error.isNull()) ? "(none)"
					: (error.isString() ? error.asString() : error.toString());
			return this.handshake.recordClientError(text(body, "paymentId"), sanitize(text), caller);
		});
	}

	Mono<ServerResponse> payments(ServerRequest request) {
		return requiredCaller(request).flatMap(caller -> ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.handshake.paymentsOf(caller).collectList(), java.util.List.class));
	}

	Mono<ServerResponse> payment(ServerRequest request) {
		return requiredCaller(request)
			.flatMap(caller -> this.handshake.paymentOf(caller, request.pathVariable("paymentId")))
			.flatMap(view -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view));
	}

	private Mono<ServerResponse> callback(ServerRequest request,
			BiFunction<JsonNode, Optional<Caller>, Mono<HandshakeResult>> action) {
		return this.identities.caller(request.headers().asHttpHeaders())
			.flatMap(caller -> jsonObject(request).flatMap(body -> action.apply(body, caller)))
			.flatMap(result -> ServerResponse.status(result.inProgress() ? HttpStatus.ACCEPTED : HttpStatus.OK)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(result.payment()));
	}

	/**
	 * The body as a JSON object. A functional endpoint's {@code bodyToMono}, unlike
	 * {@code @RequestBody}, lets a Content-Type that does not parse and a body over
	 * {@code spring.http.codecs.max-in-memory-size} through as plain exceptions, i.e.
	 * 500s. Both are the client's mistakes, so they get the answers Spring gives an
	 * annotated controller: 415 and 413. A Content-Type that does not parse fails
	 * synchronously, hence the defer.
	 */
	private static Mono<JsonNode> jsonObject(ServerRequest request) {
		return Mono.defer(() -> request.bodyToMono(JsonNode.class))
			.onErrorMap(InvalidMediaTypeException.class, ex -> new UnsupportedMediaTypeStatusException(ex.getMessage()))
			.onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new)
			.filter(JsonNode::isObject)
			.switchIfEmpty(Mono.error(() -> InvalidCallbackException.badBody("The body must be a JSON object.")));
	}

	private Mono<Caller> requiredCaller(ServerRequest request) {
		return this.identities.caller(request.headers().asHttpHeaders())
			.flatMap(caller -> caller.map(Mono::just).orElseGet(() -> Mono.error(CallerRequiredException.create())));
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/** Client error text goes into the history: bounded, single-line, printable. */
	private static String sanitize(String text) {
		String printable = text.replaceAll("[\\p{Cntrl}]", " ");
		return (printable.length() > MAX_ERROR_TEXT) ? printable.substring(0, MAX_ERROR_TEXT) + "…" : printable;
	}

}
