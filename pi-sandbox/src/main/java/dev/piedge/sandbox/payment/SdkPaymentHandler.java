package dev.piedge.sandbox.payment;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.user.AccessTokenVerifier;

/**
 * The payment endpoints of the Pi SDK emulator under {@code /sdk/payments}: what the Pi
 * Browser asks Pi's servers with the user's access token during {@code Pi.authenticate}
 * and {@code Pi.createPayment}. Every call needs {@code Authorization: Bearer}, and a
 * user sees and acts on their own user-to-app payments only. Browsers call these from the
 * app's origin, so they answer CORS (see {@code SdkCorsConfiguration}).
 */
@Component
class SdkPaymentHandler {

	private final PaymentService payments;

	private final AccessTokenVerifier tokens;

	private final SandboxPaymentHandler sandbox;

	private final PaymentTampering tampering;

	SdkPaymentHandler(PaymentService payments, AccessTokenVerifier tokens, SandboxPaymentHandler sandbox,
			PaymentTampering tampering) {
		this.payments = payments;
		this.tokens = tokens;
		this.sandbox = sandbox;
		this.tampering = tampering;
	}

	/**
	 * {@code Pi.createPayment}: as {@code POST /sandbox/payments}, except that the tamper
	 * rule, when one is set, replaces the amount the page asked for. A request whose body
	 * is valid uses up one of the rule's times, even if the payment is then refused.
	 */
	Mono<ServerResponse> create(ServerRequest request) {
		return sandbox.createUserToApp(request, tampering::apply);
	}

	/**
	 * {@code {"exists": bool, "payment": PaymentDTO|null}}, the shape of the Pi Browser's
	 * own incomplete-payment check.
	 */
	Mono<ServerResponse> incomplete(ServerRequest request) {
		return tokens.verify(request).flatMap(payments::incompleteUserToApp).flatMap(incomplete -> {
			// Map.of refuses the null that "no payment" needs.
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("exists", incomplete.isPresent());
			body.put("payment", incomplete.map(PaymentDto::of).orElse(null));
			return ServerResponse.ok().bodyValue(body);
		});
	}

	Mono<ServerResponse> get(ServerRequest request) {
		return tokens.verify(request)
			.flatMap(user -> payments.findUserToApp(request.pathVariable("id"), user))
			.flatMap(SdkPaymentHandler::ok);
	}

	/** The wallet's Confirm: sign and submit the transaction, memo = identifier. */
	Mono<ServerResponse> submitTransaction(ServerRequest request) {
		String linkBase = SandboxPaymentHandler.horizonLinkBase(request);
		return tokens.verify(request)
			.flatMap(user -> payments.submitTransactionAsPayer(request.pathVariable("id"), user, linkBase))
			.flatMap(SdkPaymentHandler::ok);
	}

	/** The wallet's Cancel. */
	Mono<ServerResponse> userCancel(ServerRequest request) {
		return tokens.verify(request)
			.flatMap(user -> payments.userCancelAsPayer(request.pathVariable("id"), user))
			.flatMap(SdkPaymentHandler::ok);
	}

	private static Mono<ServerResponse> ok(Payment payment) {
		return ServerResponse.ok().bodyValue(PaymentDto.of(payment));
	}

}
