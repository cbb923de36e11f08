package dev.piedge.sidecar.order;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.piedge.sidecar.order.OrderVerificationProperties.Catalog;
import dev.piedge.sidecar.order.OrderVerificationProperties.Hook;
import dev.piedge.sidecar.order.OrderVerificationProperties.Mode;
import dev.piedge.sidecar.order.OrderVerificationProperties.Product;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderVerificationPropertiesTests {

	private static final Product TEA = new Product("green-tea", new BigDecimal("3.14"), null, null);

	private static final Catalog CATALOG = new Catalog("productId", List.of(TEA));

	private static final Hook NO_HOOK = new Hook(null, Duration.ofSeconds(3));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsACatalogWithTheDocumentedDefaults() {
		this.contextRunner
			.withPropertyValues("pi.payments.verification.mode=catalog",
					"pi.payments.verification.catalog.products[0].id=green-tea",
					"pi.payments.verification.catalog.products[0].price=3.14")
			.run(context -> assertThat(context.getBean(OrderVerificationProperties.class))
				.isEqualTo(new OrderVerificationProperties(Mode.CATALOG, CATALOG, NO_HOOK)));
	}

	@Test
	void failsStartupWithoutAModeSayingWhichToChoose() {
		this.contextRunner.run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessage("pi.payments.verification.mode must be set to catalog, hook or accept-all (accept-all "
					+ "approves every payment and is meant for trials only)"));
	}

	@Test
	void rejectsAnEmptyCatalog() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new OrderVerificationProperties(Mode.CATALOG, new Catalog("productId", List.of()), NO_HOOK))
			.withMessage("pi.payments.verification.catalog.products must list at least one product when mode is "
					+ "catalog");
	}

	@Test
	void rejectsABlankProductKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderVerificationProperties(Mode.CATALOG, new Catalog(" ", List.of(TEA)), NO_HOOK))
			.withMessage("pi.payments.verification.catalog.product-key must name the metadata key that holds the "
					+ "product, such as productId");
	}

	@Test
	void rejectsAProductWithoutAnIdOrAPositivePrice() {
		for (Product product : List.of(new Product(" ", BigDecimal.ONE, null, null),
				new Product("tea", null, null, null), new Product("tea", BigDecimal.ZERO, null, null))) {
			assertThatIllegalArgumentException().as(product.toString())
				.isThrownBy(() -> new OrderVerificationProperties(Mode.CATALOG,
						new Catalog("productId", List.of(product)), NO_HOOK))
				.withMessage("every pi.payments.verification.catalog.products entry needs an id and a positive price");
		}
	}

	@Test
	void rejectsAProductListedTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderVerificationProperties(Mode.CATALOG, new Catalog("productId", List.of(TEA, TEA)),
					NO_HOOK))
			.withMessage("pi.payments.verification.catalog.products lists 'green-tea' twice");
	}

	@Test
	void rejectsHookModeWithoutAUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OrderVerificationProperties(Mode.HOOK, CATALOG, NO_HOOK))
			.withMessage("pi.payments.verification.hook.url must be set when mode is hook");
	}

	@Test
	void rejectsAHookUrlThatIsNotAnAbsoluteHttpUrl() {
		Hook hook = new Hook(URI.create("/pi-edge/verify-order"), Duration.ofSeconds(3));

		assertThatIllegalArgumentException().isThrownBy(() -> new OrderVerificationProperties(Mode.HOOK, CATALOG, hook))
			.withMessage("pi.payments.verification.hook.url must be an absolute http(s) URL such as "
					+ "https://backend.internal/pi-edge/verify-order, but was '/pi-edge/verify-order'");
	}

	@Test
	void rejectsAHookTimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Hook(URI.create("https://backend.internal/verify"), Duration.ZERO))
			.withMessage("pi.payments.verification.hook.timeout must be a positive duration such as 3s, but was PT0S");
	}

	@Test
	void acceptAllNeedsNeitherACatalogNorAHook() {
		assertThat(
				new OrderVerificationProperties(Mode.ACCEPT_ALL, new Catalog("productId", List.of()), NO_HOOK).mode())
			.isEqualTo(Mode.ACCEPT_ALL);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OrderVerificationProperties.class)
	static class PropertiesConfiguration {

	}

}
