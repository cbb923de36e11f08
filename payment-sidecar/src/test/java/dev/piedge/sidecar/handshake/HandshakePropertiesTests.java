package dev.piedge.sidecar.handshake;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakePropertiesTests {

	private static final HandshakeProperties.Reconcile RECONCILE = new HandshakeProperties.Reconcile(
			Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(90), 50);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheDocumentedDefaults() {
		this.contextRunner.withPropertyValues("pi.payments.network=Pi Testnet").run(context -> {
			HandshakeProperties properties = context.getBean(HandshakeProperties.class);
			assertThat(properties.network()).isEqualTo("Pi Testnet");
			assertThat(properties.claimTimeout()).isEqualTo(Duration.ofSeconds(90));
			assertThat(properties.reconcile()).isEqualTo(RECONCILE);
		});
	}

	@Test
	void failsStartupWithoutANetworkNamingTheKey() {
		this.contextRunner.run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessage("pi.payments.network must be 'Pi Network' or 'Pi Testnet' (env PI_NETWORK), the network "
					+ "the app was created on, but was unset"));
	}

	@Test
	void rejectsANetworkPiDoesNotWrite() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeProperties("Pi Mainnet", Duration.ofSeconds(30), RECONCILE))
			.withMessage("pi.payments.network must be 'Pi Network' or 'Pi Testnet' (env PI_NETWORK), the network "
					+ "the app was created on, but was 'Pi Mainnet'");
	}

	@Test
	void rejectsAClaimTimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeProperties("Pi Network", Duration.ZERO, RECONCILE))
			.withMessage("pi.payments.claim-timeout must be a positive duration such as 30s, but was PT0S");
	}

	@Test
	void rejectsANegativeInitialDelay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeProperties.Reconcile(Duration.ofSeconds(-1), Duration.ofSeconds(30),
					Duration.ofSeconds(90), 50))
			.withMessage("pi.payments.reconcile.initial-delay must be zero or a positive duration such as 3s, but "
					+ "was PT-1S");
	}

	@Test
	void rejectsAnIntervalOrQuietPeriodThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new HandshakeProperties.Reconcile(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(90), 50))
			.withMessage("pi.payments.reconcile.interval must be a positive duration such as 30s, but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeProperties.Reconcile(Duration.ZERO, Duration.ofSeconds(30), null, 50))
			.withMessage("pi.payments.reconcile.quiet-period must be a positive duration such as 30s, but was null");
	}

	@Test
	void rejectsAnEmptyBatch() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeProperties.Reconcile(Duration.ZERO, Duration.ofSeconds(30),
					Duration.ofSeconds(90), 0))
			.withMessage("pi.payments.reconcile.batch-size must be at least 1, but was 0");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HandshakeProperties.class)
	static class PropertiesConfiguration {

	}

}
