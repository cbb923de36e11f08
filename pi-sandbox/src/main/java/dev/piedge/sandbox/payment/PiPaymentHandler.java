package dev.piedge.sandbox.payment;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;

/**
 * The Pi Platform payment endpoints under {@code /v2/payments}, all behind the Server API
 * Key.
 */
@Component
class PiPaymentHandler {

	private final PaymentService payments;

	private final ApiKeyVerifier apiKey;

	private final JsonBodyReader bodies;

	PiPaymentHandler(PaymentService payments, ApiKeyVerifier apiKey, JsonBodyReader bodies) {
		this.payments = payments;
		this.apiKey = apiKey;
		this.bodies = bodies;
	}

	Mono<ServerResponse> get(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(() -> payments.find(request.pathVariable("id"))))
			.flatMap(PiPaymentHandler::ok);
	}

	Mono<ServerResponse> approve(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(() -> payments.approve(request.pathVariable("id"))))
			.flatMap(PiPaymentHandler::ok);
	}

	Mono<ServerResponse> complete(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(() -> bodies.read(request)))
			.flatMap(PiPaymentHandler::txid)
			.switchIfEmpty(Mono.error(PiApiException::missingTxid))
			.flatMap(txid -> payments.complete(request.pathVariable("id"), txid))
			.flatMap(PiPaymentHandler::ok);
	}

	/** The body ({@code {}} or none) carries nothing, so it is not read. */
	Mono<ServerResponse> cancel(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(() -> payments.cancel(request.pathVariable("id"))))
			.flatMap(PiPaymentHandler::ok);
	}

	Mono<ServerResponse> incompleteServerPayments(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(payments::incompleteServerPayments))
			.flatMap(open -> ServerResponse.ok().bodyValue(Map.of("incomplete_server_payments", PaymentDto.of(open))));
	}

	/** A2U create: {@code {"payment":{"amount","memo","metadata","uid"}}}. */
	Mono<ServerResponse> create(ServerRequest request) {
		return apiKey.verify(request)
			.then(Mono.defer(() -> bodies.read(request)))
			.switchIfEmpty(Mono.error(() -> PiApiException
				.invalidArguments("Send {\"payment\":{\"amount\":..,\"memo\":..,\"metadata\":{..},\"uid\":..}}.")))
			.flatMap(body -> Mono.fromCallable(() -> appToUser(body)))
			.flatMap(create -> payments.createAppToUser(create.uid(), create.payment()))
			.flatMap(PiPaymentHandler::ok);
	}

	private static Mono<String> txid(JsonNode body) {
		JsonNode txid = body.get("txid");
		if (txid == null || !txid.isString() || txid.stringValue().isBlank()) {
			return Mono.empty();
		}
		return Mono.just(txid.stringValue().trim());
	}

	private static AppToUserRequest appToUser(JsonNode body) {
		JsonNode payment = body.isObject() ? body.get("payment") : null;
		if (payment == null || !payment.isObject()) {
			throw PiApiException.invalidArguments("The body must be {\"payment\":{...}}.");
		}
		PaymentRequest request = PaymentRequest.from(payment);
		JsonNode uid = PaymentRequest.required(payment, "uid");
		if (!uid.isString() || uid.stringValue().isBlank()) {
			throw PiApiException.invalidArguments("'uid' must be a non-blank string.");
		}
		return new AppToUserRequest(uid.stringValue(), request);
	}

	private static Mono<ServerResponse> ok(Payment payment) {
		return ServerResponse.ok().bodyValue(PaymentDto.of(payment));
	}

	private record AppToUserRequest(String uid, PaymentRequest payment) {
	}

}
