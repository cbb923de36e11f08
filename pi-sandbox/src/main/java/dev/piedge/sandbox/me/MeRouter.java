package dev.piedge.sandbox.me;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.fault.PiEndpoint;
import dev.piedge.sandbox.fault.PiEndpointFilter;

@Configuration(proxyBeanMethods = false)
class MeRouter {

	@Bean
	RouterFunction<ServerResponse> meRoutes(MeHandler handler, PiEndpointFilter endpoints) {
		return RouterFunctions.route().GET("/v2/me", handler::me).filter(endpoints.forEndpoint(PiEndpoint.ME)).build();
	}

}
