package dev.piedge.demo.echo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class EchoRoutes {

	/**
	 * The catch-all, asked last: every request the shop's pages do not take, the
	 * sidecar's fulfilment webhook included, is echoed.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	RouterFunction<ServerResponse> echoRoute(EchoHandler handler) {
		return RouterFunctions.route(RequestPredicates.all(), handler::echo);
	}

}
