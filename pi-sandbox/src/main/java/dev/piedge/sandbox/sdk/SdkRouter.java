package dev.piedge.sandbox.sdk;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes of the Pi SDK emulator: the script, and the sign-in endpoints it calls. Its
 * payment endpoints are in the payment package.
 */
@Configuration(proxyBeanMethods = false)
class SdkRouter {

	@Bean
	RouterFunction<ServerResponse> sdkRoutes(SdkHandler handler) {
		return RouterFunctions.route()
			.GET("/pi-sdk.js", handler::script)
			.GET("/sdk/config", handler::config)
			.GET("/sdk/users", handler::users)
			.POST("/sdk/authenticate", handler::authenticate)
			.build();
	}

}
