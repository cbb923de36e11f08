package dev.piedge.sidecar.handshake;

import java.time.Duration;

import dev.piedge.pi.client.PiApiProperties;
import dev.piedge.pi.client.PiPlatformClientAutoConfiguration;
import dev.piedge.sidecar.order.OrderVerificationProperties;
import dev.piedge.sidecar.pi.PiCallProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimTimeoutValidatorTests {

	private static final PiCallProperties DEFAULT_CALLS = new PiCallProperties(3, Duration.ofMillis(300),
			Duration.ofSeconds(3), Duration.ofSeconds(10), 0.5);

	private static final PiApiProperties DEFAULT_API = PiApiProperties.of(null, null);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiPlatformClientAutoConfiguration.class))
		.withUserConfiguration(ValidatorConfiguration.class)
		.withPropertyValues("pi.payments.network=Pi Testnet", "pi.payments.verification.mode=accept-all");

	@Test
	void aReadWithTheDefaultsTakesAtMostThreeAttemptsAndTwoPauses() {
		// 3 x 5s + 2 x (2s Retry-After + 2s backoff)
		assertThat(ClaimTimeoutValidator.longestRead(DEFAULT_API)).isEqualTo(Duration.ofSeconds(23));
	}

	@Test
	void aPiCallWithTheDefaultsTakesAtMostEightySixSeconds() {
		// 5s + 2 x (10s Retry-After + 3s backoff + 23s read-back + 5s)
		assertThat(ClaimTimeoutValidator.longestPiCall(DEFAULT_API, DEFAULT_CALLS)).isEqualTo(Duration.ofSeconds(87));
	}

	@Test
	void aSingleAttemptIsOnlyItsTimeout() {
		PiCallProperties once = new PiCallProperties(1, Duration.ofMillis(300), Duration.ofSeconds(3),
				Duration.ofSeconds(10), 0.5);

		assertThat(ClaimTimeoutValidator.longestPiCall(DEFAULT_API, once)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void theDefaultsStart() {
		this.contextRunner
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(ClaimTimeoutValidator.class));
	}

	@Test
	void aClaimTimeoutAPiCallCanOutlastStopsStartupNamingBothKeys() {
		this.contextRunner.withPropertyValues("pi.payments.claim-timeout=30s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("pi.payments.claim-timeout (30s) must be longer than a Pi call with all its retries, "
						+ "which can take 87s here (pi.api.timeout 5s; pi.api.retry.max-attempts 3, "
						+ "max-backoff 2s; pi.payments.pi-calls.max-attempts 3, max-backoff 3s, max-retry-after "
						+ "10s). A claim that expires while its holder still works lets a second instance act on "
						+ "the payment too. Raise pi.payments.claim-timeout above 87s or lower those settings."));
	}

	@Test
	void aClaimTimeoutEqualToTheLongestCallIsNotEnough() {
		this.contextRunner.withPropertyValues("pi.payments.claim-timeout=87s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.payments.claim-timeout (87s) must be longer than"));
	}

	@Test
	void shorterPiCallSettingsAllowAShorterClaim() {
		this.contextRunner
			.withPropertyValues("pi.payments.claim-timeout=30s", "pi.api.timeout=2s",
					"pi.payments.pi-calls.max-retry-after=2s")
			// 2s + 2 x (2s + 3s + (3 x 2s + 2 x 4s) + 2s) = 2s + 2 x 21s = 44s
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("which can take 44s here (pi.api.timeout 2s;"));
		this.contextRunner
			.withPropertyValues("pi.payments.claim-timeout=30s", "pi.api.timeout=1s", "pi.api.retry.max-attempts=1",
					"pi.payments.pi-calls.max-retry-after=2s")
			// 1s + 2 x (2s + 3s + 1s + 1s) = 15s
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void anApprovalAlsoWaitsForTheOrderHookUnderItsClaim() {
		this.contextRunner
			.withPropertyValues("pi.payments.verification.mode=hook",
					"pi.payments.verification.hook.url=https://backend.internal/verify",
					"pi.payments.verification.hook.timeout=10s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.payments.claim-timeout (90s) must be longer than the order hook "
						+ "(pi.payments.verification.hook.timeout 10s) plus a Pi call with all its retries")
				.hasMessageEndingWith("Raise pi.payments.claim-timeout above 97s or lower those settings."));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ HandshakeProperties.class, PiCallProperties.class,
			OrderVerificationProperties.class })
	@Import(ClaimTimeoutValidator.class)
	static class ValidatorConfiguration {

	}

}
