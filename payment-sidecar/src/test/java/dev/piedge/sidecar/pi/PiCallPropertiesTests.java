package dev.piedge.sidecar.pi;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PiCallPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void appliesTheDocumentedDefaults() {
		this.contextRunner.run(context -> {
			PiCallProperties properties = context.getBean(PiCallProperties.class);
			assertThat(properties.maxAttempts()).isEqualTo(3);
			assertThat(properties.minBackoff()).isEqualTo(Duration.ofMillis(300));
			assertThat(properties.maxBackoff()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.jitter()).isEqualTo(0.5);
		});
	}

	@Test
	void bindsAConfiguredJitter() {
		this.contextRunner.withPropertyValues("pi.payments.pi-calls.jitter=0.2")
			.run(context -> assertThat(context.getBean(PiCallProperties.class).jitter()).isEqualTo(0.2));
	}

	@Test
	void failsStartupOnAJitterOutsideZeroToOneNamingTheKey() {
		this.contextRunner.withPropertyValues("pi.payments.pi-calls.jitter=1.5")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pi.payments.pi-calls.jitter must be between 0.0 and 1.0"));
	}

	@Test
	void failsStartupOnANegativeMaxRetryAfterNamingTheKey() {
		this.contextRunner.withPropertyValues("pi.payments.pi-calls.max-retry-after=-1s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pi.payments.pi-calls.max-retry-after"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PiCallProperties.class)
	static class PropertiesConfiguration {

	}

}
