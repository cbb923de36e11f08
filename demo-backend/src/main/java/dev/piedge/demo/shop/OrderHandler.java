package dev.piedge.demo.shop;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The order form and its post. The answer is rendered directly and shows the uid that
 * came with the post itself, which is the point of the demo: a plain form post, without
 * any token, reaches the shop with the visitor's identity.
 */
@Component
class OrderHandler {

	private static final String MENU_OPTIONS = Arrays.stream(MenuItem.values())
		.map(item -> "<option value=\"" + ShopPage.escape(item.id()) + "\">" + ShopPage.escape(item.label())
				+ "</option>")
		.collect(Collectors.joining());

	Mono<ServerResponse> form(ServerRequest request) {
		String who = Visitor.of(request)
			.map(visitor -> "Ordering as <strong id=\"order-as\">" + ShopPage.escape(visitor.name()) + "</strong>.")
			.orElseGet(() -> "You are not signed in, so the order will be anonymous. "
					+ ShopPage.signInLink("/orders/new"));
		return ShopPage.ok("Place an order",
				"""
						<h1>Place an order</h1>
						<p>%s</p>
						<form id="order-form" method="post" action="/orders" enctype="application/x-www-form-urlencoded">
						<label>Item <select name="item" required="required">%s</select></label>
						<label>Quantity <input type="number" name="quantity" value="1" min="1" max="%d" required="required"/></label>
						<label>Note <input type="text" name="note" maxlength="%d"/></label>
						<button id="order-submit" type="submit">Order</button>
						</form>
						"""
					.formatted(who, MENU_OPTIONS, OrderForm.MAX_QUANTITY, OrderForm.MAX_NOTE_LENGTH));
	}

	Mono<ServerResponse> place(ServerRequest request) {
		Optional<Visitor> visitor = Visitor.of(request);
		// Any other content type reads as an empty form, which OrderForm refuses.
		return request.formData()
			.flatMap(OrderForm::from)
			.flatMap(order -> ShopPage.ok("Order received", received(visitor, order)))
			.onErrorResume(InvalidOrderException.class,
					ex -> problem(HttpStatus.BAD_REQUEST, "invalid_order", ex.getMessage()))
			.onErrorResume(DataBufferLimitException.class, ex -> problem(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
					"The order form is larger than the shop accepts."));
	}

	private static String received(Optional<Visitor> visitor, OrderForm order) {
		String from = visitor.map(OrderHandler::from)
			.orElse("<p id=\"order-anonymous\">From an anonymous visitor: no <code>X-Pi-Uid</code> came with this post.</p>");
		return """
				<h1>Order received</h1>
				%s
				<dl>
				<dt>Item</dt><dd id="order-item">%s</dd>
				<dt>Quantity</dt><dd id="order-quantity">%d</dd>
				<dt>Note</dt><dd id="order-note">%s</dd>
				</dl>
				<p><a href="/orders/new">Order again</a> or <a href="/">go home</a>.</p>
				""".formatted(from, ShopPage.escape(order.item().label()), order.quantity(),
				ShopPage.escape(order.note()));
	}

	private static String from(Visitor visitor) {
		String username = (visitor.username() != null)
				? " (<span id=\"order-username\">" + ShopPage.escape(visitor.username()) + "</span>)" : "";
		return "<p>From Pi user <strong id=\"order-uid\">" + ShopPage.escape(visitor.uid()) + "</strong>" + username
				+ ", as the proxy told the shop with this post.</p>";
	}

	private static Mono<ServerResponse> problem(HttpStatus status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code);
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

}
