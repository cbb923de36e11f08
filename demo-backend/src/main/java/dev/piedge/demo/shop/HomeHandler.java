package dev.piedge.demo.shop;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The home page: greets the signed-in visitor or offers Pi sign-in, and counts visits in
 * a cookie of the shop's own, set the way a legacy app sets it.
 */
@Component
class HomeHandler {

	static final String VISITS_COOKIE = "demo_visits";

	/** Nine digits at most, so the next count still fits an int. */
	private static final Pattern VISITS = Pattern.compile("[0-9]{1,9}");

	Mono<ServerResponse> home(ServerRequest request) {
		int visits = previousVisits(request) + 1;
		// SameSite=Lax as legacy apps set it: a cross-site iframe (the Pi Browser) never
		// sends such a cookie back, which is why the proxy rewrites it.
		ResponseCookie cookie = ResponseCookie.from(VISITS_COOKIE, Integer.toString(visits))
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.build();
		return ShopPage.render(ServerResponse.ok().cookie(cookie), "Home",
				greeting(Visitor.of(request)) + buyLinks() + visits(visits));
	}

	/**
	 * The count in the visitor's cookie; anything that is not a plain count starts over.
	 */
	private static int previousVisits(ServerRequest request) {
		HttpCookie cookie = request.cookies().getFirst(VISITS_COOKIE);
		if (cookie == null || !VISITS.matcher(cookie.getValue()).matches()) {
			return 0;
		}
		return Integer.parseInt(cookie.getValue());
	}

	private static String greeting(Optional<Visitor> visitor) {
		return visitor.map(HomeHandler::signedIn).orElseGet(HomeHandler::anonymous);
	}

	private static String signedIn(Visitor visitor) {
		return """
				<h1 id="greeting">Hello, %s</h1>
				<p>You signed in with Pi through pi-edge; the shop only read the headers the proxy gave it.</p>
				<ul>
				<li><a id="account-link" href="/account">Your account</a></li>
				<li><a id="order-link" href="/orders/new">Place an order</a></li>
				</ul>
				<form method="post" action="/pi-edge/sign-out">
				<input type="hidden" name="rd" value="/"/>
				<button id="sign-out" type="submit">Sign out</button>
				</form>
				""".formatted(ShopPage.escape(visitor.name()));
	}

	private static String anonymous() {
		return """
				<h1 id="greeting">Hello, visitor</h1>
				<p>%s</p>
				<ul>
				<li><a id="account-link" href="/account">Your account</a> (sign-in required)</li>
				<li><a id="order-link" href="/orders/new">Place an order</a> (anonymous orders are welcome)</li>
				</ul>
				""".formatted(ShopPage.signInLink("/"));
	}

	/**
	 * One plain link per product to pi-edge's hosted checkout, which signs the buyer in
	 * when needed, shows the price from the sidecar's catalog and takes the payment.
	 */
	private static String buyLinks() {
		String links = Arrays.stream(CheckoutProduct.values())
			.map(product -> "<li><a id=\"buy-" + product.id() + "\" class=\"button\" href=\""
					+ ShopPage.escape(product.buyLink()) + "\">Buy " + ShopPage.escape(product.label()) + "</a></li>")
			.collect(Collectors.joining());
		return """
				<h2>Buy with Pi</h2>
				<ul id="buy-links">%s</ul>
				<p class="note">Each link opens pi-edge's hosted checkout; the shop hears about the payment from a signed webhook.</p>
				"""
			.formatted(links);
	}

	private static String visits(int visits) {
		return """
				<h2>The shop's own cookie</h2>
				<p>Visits counted in this browser: <strong id="visits">%d</strong></p>
				<p id="cookie-note" class="note">The shop sets <code>demo_visits</code> the legacy way, with <code>SameSite=Lax</code>. Inside the Pi Browser the shop runs in a cross-site iframe, where a <code>Lax</code> cookie is never sent back, so pi-edge rewrites it to <code>SameSite=None; Secure; Partitioned</code>. Without that rewrite this count would stay at 1.</p>
				"""
			.formatted(visits);
	}

}
