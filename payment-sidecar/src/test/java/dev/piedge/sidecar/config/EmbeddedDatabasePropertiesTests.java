package dev.piedge.sidecar.config;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabasePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void isOffByDefault() {
		this.contextRunner.run(context -> {
			EmbeddedDatabaseProperties properties = context.getBean(EmbeddedDatabaseProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.dataDirectory()).isNull();
		});
	}

	@Test
	void treatsABlankDataDirectoryAsATemporaryOne() {
		this.contextRunner
			.withPropertyValues("pi.sidecar.embedded-database.enabled=true",
					"pi.sidecar.embedded-database.data-directory= ")
			.run(context -> assertThat(context.getBean(EmbeddedDatabaseProperties.class).dataDirectory()).isNull());
	}

	@Test
	void bindsADataDirectory() {
		this.contextRunner.withPropertyValues("pi.sidecar.embedded-database.data-directory=/var/lib/pi-edge/db")
			.run(context -> assertThat(context.getBean(EmbeddedDatabaseProperties.class).dataDirectory())
				.isEqualTo(Path.of("/var/lib/pi-edge/db")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
	static class PropertiesConfiguration {

	}

}
