package dev.piedge.sidecar.api;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionTests {

	@Test
	void permissionsAreResourceActionStrings() {
		assertThat(Arrays.stream(Permission.values()).map(Permission::value)).doesNotHaveDuplicates()
			.allMatch(value -> value.matches("[a-z]+:[a-z]+"))
			.contains("payouts:write", "payouts:read", "payments:read");
	}

	@Test
	void payoutsWriteImpliesPayoutsReadAndNothingElseIsImplied() {
		assertThat(Permission.PAYOUTS_WRITE.grants(Permission.PAYOUTS_READ)).isTrue();
		assertThat(Permission.PAYOUTS_WRITE.grants(Permission.PAYMENTS_READ)).isFalse();
		assertThat(Permission.PAYOUTS_READ.grants(Permission.PAYOUTS_WRITE)).isFalse();
		assertThat(Permission.PAYMENTS_READ.grants(Permission.PAYOUTS_READ)).isFalse();
		for (Permission permission : Permission.values()) {
			assertThat(permission.grants(permission)).isTrue();
		}
	}

	@Test
	void checkoutWriteImpliesCheckoutReadAndNothingElse() {
		assertThat(Permission.parse("checkout:write")).contains(Permission.CHECKOUT_WRITE);
		assertThat(Permission.parse("checkout:read")).contains(Permission.CHECKOUT_READ);
		assertThat(Permission.CHECKOUT_WRITE.grants(Permission.CHECKOUT_READ)).isTrue();
		assertThat(Permission.CHECKOUT_READ.grants(Permission.CHECKOUT_WRITE)).isFalse();
		assertThat(Permission.CHECKOUT_WRITE.grants(Permission.PAYMENTS_READ)).isFalse();
		assertThat(Permission.PAYOUTS_WRITE.grants(Permission.CHECKOUT_READ)).isFalse();
	}

	@Test
	void parsesOnlyExactNamesWithoutWildcards() {
		assertThat(Permission.parse("payouts:write")).contains(Permission.PAYOUTS_WRITE);
		assertThat(Permission.parse("payouts:*")).isEmpty();
		assertThat(Permission.parse("*")).isEmpty();
		assertThat(Permission.parse("Payouts:Write")).isEmpty();
		assertThat(Permission.parse(null)).isEmpty();
	}

	@Test
	void aPrincipalHoldsWhatItsPermissionsGrant() {
		ApiPrincipal principal = ApiPrincipal.apiKey("k1", Set.of(Permission.PAYOUTS_WRITE));

		assertThat(principal.id()).isEqualTo("key:k1");
		assertThat(principal.holds(Permission.PAYOUTS_READ)).isTrue();
		assertThat(principal.holds(Permission.PAYMENTS_READ)).isFalse();
		assertThat(ApiPrincipal.platform("billing", Set.of()).holds(Permission.PAYOUTS_READ)).isFalse();
	}

}
