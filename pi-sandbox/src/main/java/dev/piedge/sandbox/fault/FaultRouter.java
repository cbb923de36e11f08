package dev.piedge.sandbox.fault;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes of the fault-injection and call-count admin endpoints. */
@Configuration(proxyBeanMethods = false)
class FaultRouter {

	@Bean
	RouterFunction<ServerResponse> faultRoutes(FaultHandler handler) {
		return RouterFunctions.route()
			.PUT("/sandbox/faults", handler::addFault)
			.GET("/sandbox/faults", handler::listFaults)
			.DELETE("/sandbox/faults", handler::clearFaults)
			.GET("/sandbox/calls", handler::listCalls)
			.DELETE("/sandbox/calls", handler::resetCalls)
			.build();
	}

}
