package dev.piedge.sidecar.chain;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code pi.payouts.horizon.*} and {@code pi.payouts.transaction.*}: the documented
 * defaults, and a message naming the key for each bad value.
 */
class ChainPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	private static HorizonProperties horizon(Map<String, URI> urls) {
		return new HorizonProperties(urls, Duration.ofSeconds(10), Duration.ofSeconds(35), Duration.ofSeconds(2),
				DataSize.ofKilobytes(256), null);
	}

	@Test
	void bindsTheDocumentedDefaults() {
		this.contextRunner.run(context -> {
			HorizonProperties horizon = context.getBean(HorizonProperties.class);
			assertThat(horizon.url(PiNetwork.TESTNET)).isEqualTo(URI.create("https://api.testnet.minepi.com"));
			assertThat(horizon.url(PiNetwork.MAINNET)).isEqualTo(URI.create("https://api.mainnet.minepi.com"));
			assertThat(horizon.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(horizon.submitTimeout()).isEqualTo(Duration.ofSeconds(35));
			assertThat(horizon.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(horizon.maxResponseSize()).isEqualTo(DataSize.ofKilobytes(256));
			assertThat(horizon.retry())
				.isEqualTo(new HorizonProperties.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5));
			PayoutTransactionProperties transaction = context.getBean(PayoutTransactionProperties.class);
			assertThat(transaction.validity()).isEqualTo(Duration.ofMinutes(2));
			assertThat(transaction.maxBaseFee()).isEqualTo(1_000_000);
		});
	}

	@Test
	void theShippedConfigurationBindsItsDefaultsAndReadsTheEnvironment() throws IOException {
		List<PropertySource<?>> shipped = new ArrayList<>();
		shipped.addAll(new YamlPropertySourceLoader().load("config/payment-sidecar.yml",
				new FileSystemResource(Path.of("..", "config", "payment-sidecar.yml"))));
		shipped.addAll(new YamlPropertySourceLoader().load("application.yml",
				new FileSystemResource(Path.of("src", "main", "resources", "application.yml"))));
		ApplicationContextRunner shippedRunner = this.contextRunner.withInitializer(context -> {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			shipped.forEach(sources::addLast);
		});

		shippedRunner.run(context -> {
			HorizonProperties horizon = context.getBean(HorizonProperties.class);
			assertThat(horizon.url(PiNetwork.TESTNET)).isEqualTo(URI.create("https://api.testnet.minepi.com"));
			assertThat(horizon.url(PiNetwork.MAINNET)).isEqualTo(URI.create("https://api.mainnet.minepi.com"));
			assertThat(context.getBean(PayoutTransactionProperties.class))
				.isEqualTo(new PayoutTransactionProperties(Duration.ofMinutes(2), 1_000_000));
			assertThat(context.getBean(AppWallet.class).isConfigured()).isFalse();
		});
		shippedRunner
			.withInitializer(context -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("PI_WALLET_SEED", TestWallets.APP_SEED, "PI_HORIZON_TESTNET_URL",
								"http://127.0.0.1:8090/horizon", "PI_HORIZON_MAINNET_URL", "http://127.0.0.1:8091"))))
			.run(context -> {
				HorizonProperties horizon = context.getBean(HorizonProperties.class);
				assertThat(horizon.url(PiNetwork.TESTNET)).isEqualTo(URI.create("http://127.0.0.1:8090/horizon"));
				assertThat(horizon.url(PiNetwork.MAINNET)).isEqualTo(URI.create("http://127.0.0.1:8091"));
				assertThat(context.getBean(AppWallet.class).address()).isEqualTo(TestWallets.APP_ADDRESS);
			});
	}

	@Test
	void bindsOneNetworksUrlByItsNameInBracketsAndKeepsTheOthersDefault() {
		this.contextRunner.withPropertyValues("pi.payouts.horizon.urls[Pi Testnet]=http://127.0.0.1:8090/horizon/")
			.run(context -> {
				HorizonProperties horizon = context.getBean(HorizonProperties.class);
				assertThat(horizon.url(PiNetwork.TESTNET)).isEqualTo(URI.create("http://127.0.0.1:8090/horizon"));
				assertThat(horizon.url(PiNetwork.MAINNET)).isEqualTo(URI.create("https://api.mainnet.minepi.com"));
			});
	}

	@Test
	void refusesAKeyThatIsNotANetworkSayingHowToWriteIt() {
		this.contextRunner.withPropertyValues("pi.payouts.horizon.urls.Pi Testnet=http://127.0.0.1:8090")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payouts.horizon.urls has a key 'PiTestnet', but the keys are the networks "
						+ "'Pi Testnet', 'Pi Network'; in YAML write them in brackets, \"[Pi Testnet]\", so the space "
						+ "is kept"));
	}

	@Test
	void refusesAUrlThatIsNotAnAbsoluteHttpUrlWithoutQuery() {
		for (String url : new String[] { "api.testnet.minepi.com", "ftp://api.testnet.minepi.com",
				"https://user:pw@api.testnet.minepi.com", "https://api.testnet.minepi.com?x=1",
				"https://api.testnet.minepi.com#top" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> horizon(Map.of("Pi Network", URI.create(url))))
				.as(url)
				.withMessageStartingWith("pi.payouts.horizon.urls[Pi Network] must");
		}
	}

	@Test
	void refusesTimeoutsThatAreNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties(null, Duration.ZERO, Duration.ofSeconds(35), Duration.ofSeconds(2),
					DataSize.ofKilobytes(256), null))
			.withMessage("pi.payouts.horizon.timeout must be a positive duration such as 10s, but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties(null, Duration.ofSeconds(10), null, Duration.ofSeconds(2),
					DataSize.ofKilobytes(256), null))
			.withMessage("pi.payouts.horizon.submit-timeout must be a positive duration such as 10s, but was null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties(null, Duration.ofSeconds(10), Duration.ofSeconds(35),
					Duration.ofSeconds(-1), DataSize.ofKilobytes(256), null))
			.withMessage("pi.payouts.horizon.connect-timeout must be a positive duration such as 10s, but was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties(null, Duration.ofSeconds(10), Duration.ofSeconds(35),
					Duration.ofSeconds(2), DataSize.ofMegabytes(17), null))
			.withMessage("pi.payouts.horizon.max-response-size must be between 1B and 16MB, such as 256KB, but was "
					+ "17825792B");
	}

	@Test
	void refusesRetriesOutsideTheirBounds() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties.Retry(0, Duration.ZERO, Duration.ZERO, 0.5))
			.withMessage("pi.payouts.horizon.retry.max-attempts must be 1 (no retry) to 10, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties.Retry(3, Duration.ofSeconds(3), Duration.ofSeconds(2), 0.5))
			.withMessage("pi.payouts.horizon.retry.min-backoff must not be negative nor longer than "
					+ "retry.max-backoff, such as 200ms and 2s, but they were PT3S and PT2S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HorizonProperties.Retry(3, Duration.ZERO, Duration.ZERO, 1.5))
			.withMessage("pi.payouts.horizon.retry.jitter must be between 0.0 and 1.0, such as 0.5, but was 1.5");
	}

	@Test
	void refusesAValidityOrMaximumFeeOutsideTheirBounds() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PayoutTransactionProperties(Duration.ofSeconds(9), 1_000_000))
			.withMessage("pi.payouts.transaction.validity must be between 10s and 1h, such as 2m, but was PT9S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PayoutTransactionProperties(Duration.ofMinutes(61), 1_000_000))
			.withMessage("pi.payouts.transaction.validity must be between 10s and 1h, such as 2m, but was PT1H1M");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PayoutTransactionProperties(Duration.ofMinutes(2), 99))
			.withMessage("pi.payouts.transaction.max-base-fee must be at least 100 stroops, such as 1000000 (0.1 "
					+ "Pi), but was 99");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ HorizonProperties.class, PayoutTransactionProperties.class,
			WalletProperties.class })
	@Import(AppWalletConfiguration.class)
	static class PropertiesConfiguration {

	}

}
