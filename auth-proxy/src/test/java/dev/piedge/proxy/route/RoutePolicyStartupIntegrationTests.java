package dev.piedge.proxy.route;

import dev.piedge.proxy.AuthProxyApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutePolicyStartupIntegrationTests {

	@Test
	void invalidPolicyStopsStartupNamingRouteAndKey() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(AuthProxyApplication.class).properties(
				"server.port=0", "management.server.port=0", "spring.config.import=",
				"spring.cloud.gateway.server.webflux.routes[0].id=shop",
				"spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:1",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/shop/**",
				"spring.cloud.gateway.server.webflux.routes[0].metadata.pi-auth=sometimes");

		assertThatThrownBy(app::run).rootCause()
			.isInstanceOf(InvalidRoutePolicyException.class)
			.hasMessageContaining("Route 'shop'")
			.hasMessageContaining("pi-auth");
	}

}
