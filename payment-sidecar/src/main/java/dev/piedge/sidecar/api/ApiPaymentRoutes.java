package dev.piedge.sidecar.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The backend API's read of the payment ledger: {@code GET /pi-edge/api/payments/{id}}
 * with {@code payments:read}.
 */
@Configuration(proxyBeanMethods = false)
class ApiPaymentRoutes {

	@Bean
	RouterFunction<ServerResponse> apiPaymentRouter(ApiPaymentHandler handler) {
		return RouterFunctions.route()
			.GET(ApiPaths.PREFIX + "/payments/{paymentId}", handler::payment)
			.filter(ApiAccess.requires(Permission.PAYMENTS_READ))
			.build();
	}

}
