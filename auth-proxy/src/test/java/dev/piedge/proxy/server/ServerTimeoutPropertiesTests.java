package dev.piedge.proxy.server;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServerTimeoutPropertiesTests {

	@Test
	void bindsTheDocumentedDefaults() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class).run(context -> {
			ServerTimeoutProperties properties = context.getBean(ServerTimeoutProperties.class);
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(25));
		});
	}

	@Test
	void rejectsAReadTimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServerTimeoutProperties(Duration.ZERO, Duration.ofSeconds(25)))
			.withMessage("pi.server.read-timeout must be a positive duration, such as 15s, was PT0S");
	}

	@Test
	void rejectsARequestTimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServerTimeoutProperties(Duration.ofSeconds(15), Duration.ofSeconds(-1)))
			.withMessage("pi.server.request-timeout must be a positive duration, such as 15s, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerTimeoutProperties(Duration.ofSeconds(15), null))
			.withMessage("pi.server.request-timeout must be a positive duration, such as 15s, was null");
	}

	@Test
	void failsStartupOnABadValueWithItsMessage() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withPropertyValues("pi.server.read-timeout=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.server.read-timeout must be a positive duration, such as 15s, was PT0S"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServerTimeoutProperties.class)
	static class PropertiesConfiguration {

	}

}
