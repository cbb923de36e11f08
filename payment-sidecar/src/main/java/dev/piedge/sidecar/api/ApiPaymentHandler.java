package dev.piedge.sidecar.api;

import java.util.regex.Pattern;

import dev.piedge.sidecar.ledger.PaymentLedgerRepository;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Answers a payment from the ledger, whichever user made it: the backend is trusted with
 * every payment of its app (unlike the Pi Browser user, who sees only their own).
 */
@Component
class ApiPaymentHandler {

	private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final PaymentLedgerRepository ledger;

	private final ApiPaymentViews views;

	ApiPaymentHandler(PaymentLedgerRepository ledger, ApiPaymentViews views) {
		this.ledger = ledger;
		this.views = views;
	}

	Mono<ServerResponse> payment(ServerRequest request) {
		String id = request.pathVariable("paymentId");
		if (!PAYMENT_ID.matcher(id).matches()) {
			return Mono.error(ApiPaymentException.invalidId());
		}
		return this.ledger.find(id)
			.switchIfEmpty(Mono.error(ApiPaymentException::notFound))
			.flatMap(row -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(this.views.of(row)));
	}

}
