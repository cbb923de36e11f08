package dev.piedge.sandbox.payment;

import java.net.URI;
import java.util.Optional;
import java.util.function.UnaryOperator;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;
import dev.piedge.sandbox.user.AccessTokenVerifier;

/**
 * Emulator-only endpoints under {@code /sandbox/payments} that play the Pi Browser wallet
 * and the blockchain: start a U2A payment, submit its transaction, let the user cancel.
 * Unauthenticated except for U2A create, which needs the user's access token like
 * {@code Pi.createPayment}.
 */
@Component
class SandboxPaymentHandler {

	// Pi's _link points at its Horizon; the sandbox's Horizon emulator serves it.
	static final String HORIZON_TRANSACTIONS = "/horizon/transactions/";

	private final PaymentService payments;

	private final AccessTokenVerifier tokens;

	private final JsonBodyReader bodies;

	SandboxPaymentHandler(PaymentService payments, AccessTokenVerifier tokens, JsonBodyReader bodies) {
		this.payments = payments;
		this.tokens = tokens;
		this.bodies = bodies;
	}

	Mono<ServerResponse> createUserToApp(ServerRequest request) {
		return createUserToApp(request, UnaryOperator.identity());
	}

	/**
	 * Creates a U2A payment as the token's user, from the body as {@code change} leaves
	 * it (the SDK emulator's tamper rule).
	 */
	Mono<ServerResponse> createUserToApp(ServerRequest request, UnaryOperator<PaymentRequest> change) {
		return tokens.verify(request)
			.flatMap(user -> bodies.read(request)
				.switchIfEmpty(Mono.error(
						() -> PiApiException.invalidArguments("Send {\"amount\":..,\"memo\":..,\"metadata\":{..}}.")))
				.flatMap(body -> Mono.fromCallable(() -> PaymentRequest.from(body)))
				.map(change)
				.flatMap(payment -> payments.createUserToApp(user, payment)))
			.flatMap(payment -> ServerResponse.created(URI.create("/v2/payments/" + payment.identifier()))
				.bodyValue(PaymentDto.of(payment)));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		return payments.all().flatMap(all -> ServerResponse.ok().bodyValue(PaymentDto.of(all)));
	}

	Mono<ServerResponse> clear(ServerRequest request) {
		return payments.clear().then(ServerResponse.noContent().build());
	}

	/**
	 * Optional body {@code {"memo":"..."}}; a memo other than the identifier emulates a
	 * buggy client.
	 */
	Mono<ServerResponse> submitTransaction(ServerRequest request) {
		String linkBase = horizonLinkBase(request);
		return bodies.read(request)
			.flatMap(SandboxPaymentHandler::memo)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(memo -> payments.submitTransaction(request.pathVariable("id"), memo.orElse(null), linkBase))
			.flatMap(payment -> ServerResponse.ok().bodyValue(PaymentDto.of(payment)));
	}

	Mono<ServerResponse> userCancel(ServerRequest request) {
		return payments.userCancel(request.pathVariable("id"))
			.flatMap(payment -> ServerResponse.ok().bodyValue(PaymentDto.of(payment)));
	}

	/**
	 * Where {@code _link} points: this sandbox's Horizon emulator, as the client sees it.
	 */
	static String horizonLinkBase(ServerRequest request) {
		return UriComponentsBuilder.fromUri(request.uri())
			.replacePath(HORIZON_TRANSACTIONS)
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private static Mono<String> memo(JsonNode body) {
		JsonNode memo = body.isObject() ? body.get("memo") : null;
		if (memo == null || memo.isNull()) {
			return Mono.empty();
		}
		if (!memo.isString()) {
			return Mono.error(PiApiException.invalidArguments("'memo' must be a string."));
		}
		return Mono.just(memo.stringValue());
	}

}
