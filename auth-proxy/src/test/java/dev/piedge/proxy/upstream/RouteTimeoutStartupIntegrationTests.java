package dev.piedge.proxy.upstream;

import dev.piedge.proxy.AuthProxyApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway reads per-route timeouts only per request; a bad one must stop start-up
 * instead. (A context that starts anyway is closed, so a failing test leaves no server
 * behind.)
 */
class RouteTimeoutStartupIntegrationTests {

	@Test
	void responseTimeoutWrittenAsADurationStopsStartupNamingRouteAndKey() {
		assertThatThrownBy(() -> app("response-timeout", "5s").run().close()).rootCause()
			.isInstanceOf(InvalidRouteTimeoutException.class)
			.hasMessageContaining("Route 'shop'")
			.hasMessageContaining("'response-timeout' is '5s'");
	}

	@Test
	void connectTimeoutThatIsNotPositiveMillisecondsStopsStartup() {
		assertThatThrownBy(() -> app("connect-timeout", "2s").run().close()).rootCause()
			.isInstanceOf(InvalidRouteTimeoutException.class)
			.hasMessageContaining("'connect-timeout' is '2s'");
		assertThatThrownBy(() -> app("connect-timeout", "-1").run().close()).rootCause()
			.isInstanceOf(InvalidRouteTimeoutException.class);
	}

	private static SpringApplicationBuilder app(String key, String value) {
		return new SpringApplicationBuilder(AuthProxyApplication.class).properties("server.port=0",
				"management.server.port=0", "spring.config.import=",
				"spring.cloud.gateway.server.webflux.routes[0].id=shop",
				"spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:1",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/shop/**",
				"spring.cloud.gateway.server.webflux.routes[0].metadata.pi-auth=public",
				"spring.cloud.gateway.server.webflux.routes[0].metadata." + key + "=" + value);
	}

}
