package dev.piedge.demo.shop;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The shop's pages. Every other request falls through to the echo, which is ordered last.
 */
@Configuration(proxyBeanMethods = false)
class ShopRoutes {

	@Bean
	@Order(0)
	RouterFunction<ServerResponse> shopRoute(HomeHandler home, AccountHandler account, OrderHandler orders,
			CheckoutSuccessHandler checkoutSuccess, CheckoutWebhookHandler webhooks) {
		return RouterFunctions.route()
			.route(page("/"), home::home)
			.route(page("/account"), account::account)
			.route(page("/orders/new"), orders::form)
			.POST("/orders", orders::place)
			.route(page("/orders/checkout/{id}"), checkoutSuccess::page)
			.POST(CheckoutWebhookHandler.PATH, webhooks::receive)
			.build();
	}

	/**
	 * A page answers HEAD as well as GET (the server drops the body); a functional GET
	 * route alone would leave HEAD to the echo.
	 */
	private static RequestPredicate page(String path) {
		return RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD).and(RequestPredicates.path(path));
	}

}
