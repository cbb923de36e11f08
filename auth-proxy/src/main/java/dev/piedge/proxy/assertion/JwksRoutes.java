package dev.piedge.proxy.assertion;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Publishes the proxy's public signing keys at {@code /.well-known/jwks.json}. Router
 * functions are consulted before gateway routes, so no route can shadow this path.
 */
@Configuration(proxyBeanMethods = false)
class JwksRoutes {

	static final String PATH = "/.well-known/jwks.json";

	@Bean
	RouterFunction<ServerResponse> jwksRoute(IdentityAssertionService assertions) {
		String body = assertions.publicKeys().toString();
		return RouterFunctions.route(RequestPredicates.GET(PATH),
				request -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
					.bodyValue(body));
	}

}
