package dev.piedge.demo.shop;

import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * {@code /orders/checkout/{id}}, the checkout's {@code success_url}. Arriving here proves
 * nothing (anyone can type the address), so the order shows as paid only once the
 * sidecar's signed webhook has reported that session paid, and only to its buyer, as the
 * proxy names them in {@code X-Pi-Uid}. Until then the page waits and reloads itself.
 */
@Component
class CheckoutSuccessHandler {

	/**
	 * Seconds between reloads while the webhook has not arrived (it usually takes one).
	 */
	static final int REFRESH_SECONDS = 1;

	private final PaidCheckouts paid;

	CheckoutSuccessHandler(PaidCheckouts paid) {
		this.paid = paid;
	}

	Mono<ServerResponse> page(ServerRequest request) {
		String sessionId = request.pathVariable("id");
		if (!PaidCheckout.SESSION_ID.matcher(sessionId).matches()) {
			return ServerResponse.notFound().build();
		}
		Optional<String> uid = Visitor.of(request).map(Visitor::uid);
		return this.paid.find(sessionId)
			.filter(checkout -> uid.isPresent() && checkout.buyer().equals(uid.get()))
			.map(CheckoutSuccessHandler::paidPage)
			.orElseGet(() -> waitingPage(sessionId));
	}

	private static Mono<ServerResponse> paidPage(PaidCheckout checkout) {
		String items = checkout.items()
			.stream()
			.map(item -> "<li>" + ShopPage.escape(item.quantity() + " x " + item.name() + ": " + item.amount() + " Pi")
					+ "</li>")
			.collect(Collectors.joining());
		return ShopPage.ok("Order paid", """
				<h1>Thank you</h1>
				<p>Order status: <strong id="order-status">paid</strong></p>
				<ul id="order-items">%s</ul>
				<p>Total: <strong id="order-total">%s</strong> Pi</p>
				<p>Transaction: <code id="order-txid">%s</code></p>
				<p><a href="/">Back to the shop</a></p>
				""".formatted(items, ShopPage.escape(checkout.total()), ShopPage.escape(checkout.txid())));
	}

	private static Mono<ServerResponse> waitingPage(String sessionId) {
		return ShopPage.refreshing("Waiting for payment",
				"""
						<h1>Your order</h1>
						<p>Order status: <strong id="order-status">waiting</strong></p>
						<p class="note">The shop has not yet heard from pi-edge that checkout <code>%s</code> is paid. This page reloads itself; it shows the order once the payment is confirmed and you are signed in as its buyer.</p>
						"""
					.formatted(ShopPage.escape(sessionId)),
				REFRESH_SECONDS);
	}

}
