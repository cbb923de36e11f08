package dev.piedge.sidecar.order;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.piedge.pi.client.PiPayment;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Asks the shop's backend: POSTs Pi's record of the payment and approves only on a 2xx
 * within the timeout. Anything else refuses; the backend's answer body is never read or
 * echoed.
 */
class HookOrderVerifier implements OrderVerifier {

	private final WebClient web;

	private final OrderVerificationProperties.Hook hook;

	HookOrderVerifier(OrderVerificationProperties.Hook hook) {
		this.hook = hook;
		this.web = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(hook.timeout())))
			.build();
	}

	@Override
	public Mono<OrderVerdict> verify(PiPayment payment) {
		return this.web.post()
			.uri(this.hook.url())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body(payment))
			.exchangeToMono(response -> response.releaseBody()
				.thenReturn(response.statusCode().is2xxSuccessful() ? OrderVerdict.accept()
						: OrderVerdict.refuse("verification hook answered " + response.statusCode().value())))
			.timeout(this.hook.timeout())
			.onErrorResume(
					ex -> Mono.just(OrderVerdict.refuse("verification hook failed: " + ex.getClass().getSimpleName())));
	}

	private static Map<String, Object> body(PiPayment payment) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("payment_id", payment.identifier());
		body.put("user_uid", payment.userUid());
		body.put("amount", payment.amount());
		body.put("memo", payment.memo());
		body.put("metadata", payment.metadata());
		body.put("network", payment.network());
		return body;
	}

}
