package dev.piedge.sandbox.browser;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class PiBrowserRouter {

	@Bean
	RouterFunction<ServerResponse> piBrowserRoutes(PiBrowserHostHandler handler) {
		return RouterFunctions.route().GET("/pi-browser", handler::host).build();
	}

}
