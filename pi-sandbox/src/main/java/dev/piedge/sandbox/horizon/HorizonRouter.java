package dev.piedge.sandbox.horizon;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.fault.PiEndpoint;
import dev.piedge.sandbox.fault.PiEndpointFilter;

@Configuration(proxyBeanMethods = false)
class HorizonRouter {

	/**
	 * Where the Horizon emulator lives, so a configurable Horizon base URL such as
	 * {@code http://127.0.0.1:8090/horizon} works.
	 */
	static final String PREFIX = "/horizon";

	/**
	 * Each Horizon endpoint gets its own filter, so faults and call counts can target it
	 * by name.
	 */
	@Bean
	RouterFunction<ServerResponse> horizonRoutes(HorizonHandler handler, PiEndpointFilter endpoints) {
		return route(GET(PREFIX + "/accounts/{id}"), handler::account)
			.filter(endpoints.forEndpoint(PiEndpoint.HORIZON_ACCOUNTS))
			.and(route(GET(PREFIX + "/fee_stats"), handler::feeStats)
				.filter(endpoints.forEndpoint(PiEndpoint.HORIZON_FEE_STATS)))
			.and(route(POST(PREFIX + "/transactions"), handler::submit)
				.filter(endpoints.forEndpoint(PiEndpoint.HORIZON_SUBMIT)))
			.and(route(GET(PREFIX + "/transactions/{hash}"), handler::transaction)
				.filter(endpoints.forEndpoint(PiEndpoint.HORIZON_TRANSACTIONS)));
	}

	/**
	 * The admin endpoints; {@code /sandbox/horizon/transactions/{hash}} is where earlier
	 * versions pointed {@code _link}, kept as an alias of Horizon's lookup.
	 */
	@Bean
	RouterFunction<ServerResponse> horizonAdminRoutes(HorizonAdminHandler admin, HorizonHandler handler) {
		return RouterFunctions.route()
			.GET("/sandbox/horizon/transactions", admin::transactions)
			.GET("/sandbox/horizon/transactions/{hash}", handler::transaction)
			.PUT("/sandbox/horizon/accounts/{id}", admin::setAccount)
			.DELETE("/sandbox/horizon", admin::reset)
			.build();
	}

}
