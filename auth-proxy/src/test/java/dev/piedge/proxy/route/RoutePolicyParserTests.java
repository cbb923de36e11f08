package dev.piedge.proxy.route;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutePolicyParserTests {

	@Test
	void routeWithoutMetadataIsRequired() {
		RoutePolicy policy = RoutePolicyParser.parse("r", Map.of());

		assertThat(policy.mode()).isEqualTo(AuthMode.REQUIRED);
		assertThat(policy.requiredScopes()).isEmpty();
		assertThat(policy.forwardToken()).isFalse();
	}

	@Test
	void readsScopesBoundAsIndexedMap() {
		RoutePolicy policy = RoutePolicyParser.parse("r",
				Map.of("pi-auth", "optional", "pi-scopes", Map.of("1", "username", "0", "payments")));

		assertThat(policy.mode()).isEqualTo(AuthMode.OPTIONAL);
		assertThat(policy.requiredScopes()).containsExactlyInAnyOrder("payments", "username");
	}

	@Test
	void readsScopesAsListOrCommaSeparatedText() {
		assertThat(RoutePolicyParser.parse("r", Map.of("pi-scopes", List.of("payments"))).requiredScopes())
			.containsExactly("payments");
		assertThat(RoutePolicyParser.parse("r", Map.of("pi-scopes", "payments, username")).requiredScopes())
			.containsExactlyInAnyOrder("payments", "username");
	}

	@Test
	void rejectsUnknownModeNamingRouteAndKey() {
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-auth", "maybe")))
			.isInstanceOf(InvalidRoutePolicyException.class)
			.hasMessageContaining("Route 'shop'")
			.hasMessageContaining("pi-auth")
			.hasMessageContaining("maybe");
	}

	@Test
	void rejectsMisspelledPiKey() {
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-auht", "public")))
			.isInstanceOf(InvalidRoutePolicyException.class)
			.hasMessageContaining("pi-auht");
	}

	@Test
	void rejectsScopesOnAPublicRoute() {
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-auth", "public", "pi-scopes", "payments")))
			.hasMessageContaining("pi-scopes");
	}

	@Test
	void rejectsMalformedScopeAndFlag() {
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-scopes", "Pay ments")))
			.hasMessageContaining("pi-scopes");
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-forward-token", "yes")))
			.hasMessageContaining("pi-forward-token");
	}

	@Test
	void piBrowserIsOnUnlessTheRouteTurnsItOff() {
		assertThat(RoutePolicyParser.parse("r", Map.of()).piBrowser()).isTrue();
		assertThat(RoutePolicyParser.parse("r", Map.of("pi-browser", "false")).piBrowser()).isFalse();
		assertThat(RoutePolicyParser.parse("r", Map.of("pi-browser", false)).piBrowser()).isFalse();
		assertThat(RoutePolicyParser.parse("r", Map.of("pi-browser", " TRUE ")).piBrowser()).isTrue();
	}

	@Test
	void rejectsPiBrowserThatIsNotTrueOrFalse() {
		assertThatThrownBy(() -> RoutePolicyParser.parse("shop", Map.of("pi-browser", "off")))
			.isInstanceOf(InvalidRoutePolicyException.class)
			.hasMessageContaining("Route 'shop'")
			.hasMessageContaining("pi-browser")
			.hasMessageContaining("true or false");
	}

	@Test
	void ignoresMetadataThatIsNotPiEdges() {
		assertThat(RoutePolicyParser.parse("r", Map.of("response-timeout", 200)).mode()).isEqualTo(AuthMode.REQUIRED);
	}

}
