package dev.piedge.sidecar.fulfillment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

class FulfillmentPropertiesTests {

	private static final String SECRET = "whsec-0123456789abcdef0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void appliesDocumentedDefaultsAndKeepsEventsQueuedWithoutAUrl() {
		this.contextRunner.run(context -> {
			FulfillmentProperties properties = context.getBean(FulfillmentProperties.class);
			assertThat(properties.url()).isNull();
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.batchSize()).isEqualTo(20);
			assertThat(properties.claimTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.minBackoff()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.maxBackoff()).isEqualTo(Duration.ofHours(1));
			assertThat(properties.deliveredRetention()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.pruneInterval()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void treatsABlankUrlAsNotConfigured() {
		this.contextRunner.withPropertyValues("pi.payments.fulfillment.url=")
			.run(context -> assertThat(context.getBean(FulfillmentProperties.class).enabled()).isFalse());
	}

	@Test
	void failsStartupWhenUrlIsSetWithoutSecretNamingTheKeyToSet() {
		this.contextRunner.withPropertyValues("pi.payments.fulfillment.url=https://backend.example/pi/webhooks")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"pi.payments.fulfillment.secret is required when pi.payments.fulfillment.url is set"));
	}

	@Test
	void namesTheEnvironmentVariableThatTheShippedConfigReadsTheSecretFrom() throws Exception {
		String message = catchThrowable(() -> properties(URI.create("https://backend.example/hook"), null))
			.getMessage();
		Matcher variable = Pattern.compile("Set (\\w+) ").matcher(message);
		assertThat(variable.find()).as(message).isTrue();
		assertThat(variable.group(1)).isEqualTo("PI_FULFILLMENT_SECRET");

		List<PropertySource<?>> shippedConfig = new YamlPropertySourceLoader().load("config/payment-sidecar.yml",
				new FileSystemResource(Path.of("..", "config", "payment-sidecar.yml")));
		this.contextRunner.withInitializer(context -> {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			shippedConfig.forEach(sources::addLast);
			sources.addFirst(new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable.group(1), SECRET)));
		}).run(context -> assertThat(context.getBean(FulfillmentProperties.class).secret()).isEqualTo(SECRET));
	}

	@Test
	void bindsAConfiguredUrlAndSecret() {
		this.contextRunner
			.withPropertyValues("pi.payments.fulfillment.url=https://backend.example/pi/webhooks",
					"pi.payments.fulfillment.secret=" + SECRET, "pi.payments.fulfillment.timeout=2s")
			.run(context -> {
				FulfillmentProperties properties = context.getBean(FulfillmentProperties.class);
				assertThat(properties.enabled()).isTrue();
				assertThat(properties.url()).isEqualTo(URI.create("https://backend.example/pi/webhooks"));
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void redactsTheSecretInToStringAndFingerprint() {
		FulfillmentProperties properties = properties(URI.create("https://backend.example/hook"), SECRET);

		assertThat(properties.toString()).doesNotContain(SECRET).contains("[REDACTED]");
		assertThat(properties.secretFingerprint()).startsWith("sha256:").hasSize(19).doesNotContain(SECRET);
	}

	@Test
	void rejectsAShortSecret() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(URI.create("https://backend.example/hook"), "short"))
			.withMessageContaining("pi.payments.fulfillment.secret must be at least 32 characters");
	}

	@Test
	void rejectsAUrlThatIsNotHttp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(URI.create("ftp://backend.example/hook"), SECRET))
			.withMessageContaining("pi.payments.fulfillment.url must be an absolute http(s) URL");
	}

	@Test
	void rejectsAClaimTimeoutThatADeliveryCouldOutlast() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FulfillmentProperties(null, null, Duration.ofSeconds(30), Duration.ofSeconds(1), 20,
					Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(30),
					Duration.ofHours(1)))
			.withMessageContaining("claim-timeout (PT30S) must be longer than pi.payments.fulfillment.timeout");
	}

	@Test
	void rejectsAMinimumBackoffAboveTheMaximum() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FulfillmentProperties(null, null, Duration.ofSeconds(5), Duration.ofSeconds(1), 20,
					Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(30),
					Duration.ofHours(1)))
			.withMessageContaining("min-backoff (PT2H) must not be longer than max-backoff (PT1H)");
	}

	@Test
	void rejectsABatchSizeOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FulfillmentProperties(null, null, Duration.ofSeconds(5), Duration.ofSeconds(1), 0,
					Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(30),
					Duration.ofHours(1)))
			.withMessageContaining("batch-size must be between 1 and 1000");
	}

	@Test
	void rejectsANegativeRetention() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FulfillmentProperties(null, null, Duration.ofSeconds(5), Duration.ofSeconds(1), 20,
					Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(-1),
					Duration.ofHours(1)))
			.withMessageContaining("delivered-retention must be a duration such as 30d, or 0");
	}

	@Test
	void keepsDeliveredEventsForeverWhenRetentionIsZero() {
		FulfillmentProperties keepForever = new FulfillmentProperties(null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(1), 20, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
				Duration.ZERO, Duration.ofHours(1));

		assertThat(keepForever.prunes()).isFalse();
		assertThat(properties(null, null).prunes()).isTrue();
	}

	private static FulfillmentProperties properties(URI url, String secret) {
		return new FulfillmentProperties(url, secret, Duration.ofSeconds(5), Duration.ofSeconds(1), 20,
				Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(30),
				Duration.ofHours(1));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FulfillmentProperties.class)
	static class PropertiesConfiguration {

	}

}
