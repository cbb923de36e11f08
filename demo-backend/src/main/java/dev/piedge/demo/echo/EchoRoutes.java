package dev.piedge.demo.echo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class EchoRoutes {

	@Bean
	RouterFunction<ServerResponse> echoRoute(EchoHandler handler) {
		return RouterFunctions.route(RequestPredicates.all(), handler::echo);
	}

}
