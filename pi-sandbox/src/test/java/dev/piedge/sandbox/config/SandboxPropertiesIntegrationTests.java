package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding {@code pi.sandbox.*} from property sources, as the sandbox does at start-up.
 */
class SandboxPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsApplyWhenNothingIsConfigured() {
		runner.run(context -> {
			SandboxProperties properties = context.getBean(SandboxProperties.class);
			assertThat(properties.apiKey()).isEqualTo("sandbox-api-key");
			assertThat(properties.network()).isEqualTo("Pi Testnet");
			assertThat(properties.appWalletAddress()).matches(SandboxProperties.STELLAR_ADDRESS);
			assertThat(properties.approvalTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.users()).isEmpty();
		});
	}

	@Test
	void usersBindWithDurationsAndInstants() {
		runner
			.withPropertyValues("pi.sandbox.users[0].token=a", "pi.sandbox.users[0].uid=u-a",
					"pi.sandbox.users[0].username=alice", "pi.sandbox.users[0].scopes=username,payments",
					"pi.sandbox.users[0].valid-for=24h", "pi.sandbox.users[1].token=c", "pi.sandbox.users[1].uid=u-c",
					"pi.sandbox.users[1].username=carol", "pi.sandbox.users[1].valid-until=2020-01-01T00:00:00Z")
			.run(context -> {
				SandboxProperties properties = context.getBean(SandboxProperties.class);
				assertThat(properties.users().get(0).validFor()).isEqualTo(Duration.ofHours(24));
				assertThat(properties.users().get(0).scopes()).containsExactly("username", "payments");
				assertThat(properties.users().get(1).validUntil()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
			});
	}

	@Test
	void blankApiKeyFailsStartupNamingTheProperty() {
		runner.withPropertyValues("pi.sandbox.api-key= ")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.sandbox.api-key must not be blank"));
	}

	@Test
	void unknownNetworkFailsStartupNamingTheProperty() {
		runner.withPropertyValues("pi.sandbox.network=Pi Mainnet")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.sandbox.network must be 'Pi Testnet' or 'Pi Network', was 'Pi Mainnet'"));
	}

	@Test
	void blankUserTokenFailsStartupNamingTheEntry() {
		runner
			.withPropertyValues("pi.sandbox.users[0].token=", "pi.sandbox.users[0].uid=u",
					"pi.sandbox.users[0].username=n", "pi.sandbox.users[0].valid-for=1h")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.sandbox.users[0].token must not be blank"));
	}

	@Test
	void duplicateTokensFailStartupSayingWhatToFix() {
		runner.withPropertyValues("pi.sandbox.users[0].token=same", "pi.sandbox.users[0].uid=u1",
				"pi.sandbox.users[0].username=a", "pi.sandbox.users[0].valid-for=1h", "pi.sandbox.users[1].token=same",
				"pi.sandbox.users[1].uid=u2", "pi.sandbox.users[1].username=b", "pi.sandbox.users[1].valid-for=1h")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("give every demo user its own token"));
	}

	@Test
	void defaultsAreTheDemoKeyPairAndPisBaseFee() {
		runner.run(context -> {
			SandboxProperties properties = context.getBean(SandboxProperties.class);
			assertThat(properties.appWalletAddress()).isEqualTo(SandboxProperties.DEFAULT_APP_WALLET);
			assertThat(properties.appWalletDemoSeed()).isEqualTo(SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED);
			assertThat(properties.horizon().baseFee()).isEqualTo(100_000);
		});
	}

	@Test
	void anotherAppWalletWithTheDemoSeedFailsStartupSayingWhatToFix() {
		runner
			.withPropertyValues(
					"pi.sandbox.app-wallet-address=GDL6VE6PC2MEKLJMIW6ZMKBPXQFYS5D36ODXGL33BI4IUHOM2BBNAUOB")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"pi.sandbox.app-wallet-demo-seed is not the seed of pi.sandbox.app-wallet-address"));
		runner
			.withPropertyValues(
					"pi.sandbox.app-wallet-address=GDL6VE6PC2MEKLJMIW6ZMKBPXQFYS5D36ODXGL33BI4IUHOM2BBNAUOB",
					"pi.sandbox.app-wallet-demo-seed=")
			.run(context -> assertThat(context.getBean(SandboxProperties.class).appWalletDemoSeed()).isNull());
	}

	@Test
	void horizonBaseFeeBindsAndIsChecked() {
		runner.withPropertyValues("pi.sandbox.horizon.base-fee=250")
			.run(context -> assertThat(context.getBean(SandboxProperties.class).horizon().baseFee()).isEqualTo(250));
		runner.withPropertyValues("pi.sandbox.horizon.base-fee=10")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.sandbox.horizon.base-fee must be at least 100 stroops"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SandboxProperties.class)
	static class PropertiesConfiguration {

	}

}
