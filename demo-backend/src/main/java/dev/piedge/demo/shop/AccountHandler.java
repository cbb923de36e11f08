package dev.piedge.demo.shop;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The account page. Through pi-edge it sits on a {@code pi-auth: required} route, so the
 * proxy sends a visitor without a session to sign in first and the shop never checks.
 */
@Component
class AccountHandler {

	Mono<ServerResponse> account(ServerRequest request) {
		return ShopPage.ok("Your account",
				Visitor.of(request).map(AccountHandler::details).orElseGet(AccountHandler::noIdentity));
	}

	private static String details(Visitor visitor) {
		String username = (visitor.username() != null) ? ShopPage.escape(visitor.username()) : "(not shared)";
		return """
				<h1>Your account</h1>
				<dl>
				<dt>Pi uid</dt><dd id="account-uid">%s</dd>
				<dt>Pi username</dt><dd id="account-username">%s</dd>
				</dl>
				<p class="note">This page is on a <code>pi-auth: required</code> route of the proxy (<code>config/auth-proxy.yml</code>): a visitor without a session is sent to Pi sign-in before the shop sees the request.</p>
				"""
			.formatted(ShopPage.escape(visitor.uid()), username);
	}

	private static String noIdentity() {
		// Only reachable around the proxy, or with the account route removed from it.
		return """
				<h1>Your account</h1>
				<p>No Pi identity came with this request, so there is no account to show.</p>
				<p>%s</p>
				""".formatted(ShopPage.signInLink("/account"));
	}

}
