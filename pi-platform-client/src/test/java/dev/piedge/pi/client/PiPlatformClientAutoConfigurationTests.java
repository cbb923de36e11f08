package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PiPlatformClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PiPlatformClientAutoConfiguration.class));

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(PiPlatformClientAutoConfiguration.class.getName());
	}

	@Test
	void providesClientWithDefaults() {
		contextRunner.run(context -> {
			assertThat(context).hasSingleBean(PiPlatformClient.class);
			PiApiProperties properties = context.getBean(PiApiProperties.class);
			assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.minepi.com"));
			assertThat(properties.retry().maxAttempts()).isEqualTo(3);
			assertThat(properties.retry().jitter()).isEqualTo(0.5);
			assertThat(properties.hasKey()).isFalse();
		});
	}

	@Test
	void bindsProperties() {
		contextRunner
			.withPropertyValues("pi.api.base-url=http://localhost:8089", "pi.api.key=sk_test_abc",
					"pi.api.timeout=750ms", "pi.api.connect-timeout=1s", "pi.api.max-response-size=64KB",
					"pi.api.retry.max-attempts=5", "pi.api.retry.min-backoff=50ms", "pi.api.retry.max-backoff=500ms",
					"pi.api.retry.jitter=0.25")
			.run(context -> {
				PiApiProperties properties = context.getBean(PiApiProperties.class);
				assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8089"));
				assertThat(properties.key()).isEqualTo("sk_test_abc");
				assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(properties.retry())
					.isEqualTo(new PiApiProperties.Retry(5, Duration.ofMillis(50), Duration.ofMillis(500), 0.25));
				assertThat(context).hasSingleBean(PiPlatformClient.class);
			});
	}

	@Test
	void rejectsZeroMaxAttemptsAtStartup() {
		contextRunner.withPropertyValues("pi.api.retry.max-attempts=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pi.api.retry.max-attempts");
		});
	}

	@Test
	void rejectsNegativeTimeoutAtStartup() {
		contextRunner.withPropertyValues("pi.api.timeout=-1s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pi.api.timeout");
		});
	}

	@Test
	void rejectsNonHttpBaseUrlAtStartup() {
		contextRunner.withPropertyValues("pi.api.base-url=ftp://api.minepi.com").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pi.api.base-url");
		});
	}

	@Test
	void backsOffWhenApplicationDefinesClient() {
		contextRunner.withUserConfiguration(CustomClientConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(PiPlatformClient.class);
			assertThat(context.getBean(PiPlatformClient.class)).isSameAs(CustomClientConfiguration.CLIENT);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomClientConfiguration {

		static final PiPlatformClient CLIENT = new PiPlatformClient(PiApiProperties.of(null, "custom"));

		@Bean
		PiPlatformClient customPiPlatformClient() {
			return CLIENT;
		}

	}

}
