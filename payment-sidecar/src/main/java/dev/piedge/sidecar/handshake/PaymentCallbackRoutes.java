package dev.piedge.sidecar.handshake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The sidecar's endpoints. The proxy maps {@code …/pi_payment/…} and
 * {@code …/api/pi_payment/…} at any depth onto these paths.
 */
@Configuration(proxyBeanMethods = false)
class PaymentCallbackRoutes {

	@Bean
	RouterFunction<ServerResponse> paymentCallbackRouter(PaymentCallbackHandler handler) {
		return RouterFunctions.route()
			.path("/pi_payment",
					routes -> routes.POST("/approve", handler::approve)
						.POST("/complete", handler::complete)
						.POST("/cancel", handler::cancel)
						.POST("/incomplete", handler::incomplete)
						.POST("/error", handler::error)
						.GET("/payments", handler::payments)
						.GET("/payments/{paymentId}", handler::payment))
			.build();
	}

}
