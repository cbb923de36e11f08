package dev.piedge.sandbox.payment;

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
class PaymentRouter {

	/**
	 * Each Pi endpoint gets its own filter, so faults and call counts can target it by
	 * name.
	 */
	@Bean
	RouterFunction<ServerResponse> piPaymentRoutes(PiPaymentHandler handler, PiEndpointFilter endpoints) {
		// incomplete_server_payments must come before /{id}, which would match it too.
		return route(GET("/v2/payments/incomplete_server_payments"), handler::incompleteServerPayments)
			.filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_INCOMPLETE))
			.and(route(GET("/v2/payments/{id}"), handler::get).filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_GET)))
			.and(route(POST("/v2/payments/{id}/approve"), handler::approve)
				.filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_APPROVE)))
			.and(route(POST("/v2/payments/{id}/complete"), handler::complete)
				.filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_COMPLETE)))
			.and(route(POST("/v2/payments/{id}/cancel"), handler::cancel)
				.filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_CANCEL)))
			.and(route(POST("/v2/payments"), handler::create)
				.filter(endpoints.forEndpoint(PiEndpoint.PAYMENTS_CREATE)));
	}

	@Bean
	RouterFunction<ServerResponse> sandboxPaymentRoutes(SandboxPaymentHandler handler) {
		return RouterFunctions.route()
			.POST("/sandbox/payments", handler::createUserToApp)
			.GET("/sandbox/payments", handler::list)
			.DELETE("/sandbox/payments", handler::clear)
			.POST("/sandbox/payments/{id}/transaction", handler::submitTransaction)
			.POST("/sandbox/payments/{id}/user_cancel", handler::userCancel)
			.build();
	}

	/**
	 * The Pi SDK emulator's payment calls. Creating a payment is the same call as
	 * {@code POST /sandbox/payments}, except that a tamper rule applies to it; the others
	 * check that the token's user is the payer.
	 */
	@Bean
	RouterFunction<ServerResponse> sdkPaymentRoutes(SdkPaymentHandler handler) {
		// incomplete must come before /{id}, which would match it too.
		return RouterFunctions.route()
			.POST("/sdk/payments", handler::create)
			.GET("/sdk/payments/incomplete", handler::incomplete)
			.GET("/sdk/payments/{id}", handler::get)
			.POST("/sdk/payments/{id}/transaction", handler::submitTransaction)
			.POST("/sdk/payments/{id}/user_cancel", handler::userCancel)
			.build();
	}

	/** The tamper rule for the SDK emulator's payments. */
	@Bean
	RouterFunction<ServerResponse> tamperRoutes(TamperHandler handler) {
		return RouterFunctions.route()
			.PUT("/sandbox/tamper", handler::set)
			.GET("/sandbox/tamper", handler::get)
			.DELETE("/sandbox/tamper", handler::clear)
			.build();
	}

}
