package dev.piedge.sidecar.pi;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiCallPropertiesTests {

	private static final Duration MIN = Duration.ofMillis(300);

	private static final Duration MAX = Duration.ofSeconds(3);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheDocumentedDefaults() {
		this.contextRunner.run(context -> assertThat(context.getBean(PiCallProperties.class))
			.isEqualTo(new PiCallProperties(3, MIN, MAX, Duration.ofSeconds(10), 0.5)));
	}

	@Test
	void rejectsAttemptsOutsideOneToTen() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PiCallProperties(0, MIN, MAX, Duration.ZERO, 0.5))
			.withMessage("pi.payments.pi-calls.max-attempts must be 1 to 10, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiCallProperties(11, MIN, MAX, Duration.ZERO, 0.5))
			.withMessage("pi.payments.pi-calls.max-attempts must be 1 to 10, was 11");
	}

	@Test
	void rejectsABackoffThatIsNotPositiveOrAboveTheMaximum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiCallProperties(3, Duration.ZERO, MAX, Duration.ZERO, 0.5))
			.withMessage("pi.payments.pi-calls.min-backoff must be positive and no longer than max-backoff, such as "
					+ "300ms and 3s, but they were PT0S and PT3S");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiCallProperties(3, MAX, MIN, Duration.ZERO, 0.5))
			.withMessage("pi.payments.pi-calls.min-backoff must be positive and no longer than max-backoff, such as "
					+ "300ms and 3s, but they were PT3S and PT0.3S");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiCallProperties(3, MIN, null, Duration.ZERO, 0.5))
			.withMessage("pi.payments.pi-calls.min-backoff must be positive and no longer than max-backoff, such as "
					+ "300ms and 3s, but they were PT0.3S and null");
	}

	@Test
	void rejectsANegativeMaxRetryAfter() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiCallProperties(3, MIN, MAX, Duration.ofSeconds(-1), 0.5))
			.withMessage("pi.payments.pi-calls.max-retry-after must be zero or a positive duration such as 10s, but "
					+ "was PT-1S");
	}

	@Test
	void bindsAConfiguredJitter() {
		this.contextRunner.withPropertyValues("pi.payments.pi-calls.jitter=0.2")
			.run(context -> assertThat(context.getBean(PiCallProperties.class).jitter()).isEqualTo(0.2));
	}

	@Test
	void rejectsAJitterOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PiCallProperties(3, MIN, MAX, Duration.ZERO, 1.5))
			.withMessage("pi.payments.pi-calls.jitter must be between 0.0 and 1.0, such as 0.5, was 1.5");
	}

	@Test
	void failsStartupOnABadValueWithItsMessage() {
		this.contextRunner.withPropertyValues("pi.payments.pi-calls.max-attempts=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payments.pi-calls.max-attempts must be 1 to 10, was 0"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PiCallProperties.class)
	static class PropertiesConfiguration {

	}

}
