package dev.piedge.proxy.token;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiAuthPropertiesTests {

	private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

	private static final PiAuthProperties.Cache CACHE = new PiAuthProperties.Cache(Duration.ofSeconds(30),
			Duration.ofSeconds(5), 100_000, true);

	private static final PiAuthProperties.Assertion ASSERTION = new PiAuthProperties.Assertion(true,
			Duration.ofSeconds(60), null, null, "pi-edge");

	@Test
	void bindsTheDocumentedDefaults() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class).run(context -> {
			PiAuthProperties properties = context.getBean(PiAuthProperties.class);
			assertThat(properties.timeout()).isEqualTo(TWO_SECONDS);
			assertThat(properties.staleIfError()).isZero();
			assertThat(properties.maxTokenLength()).isEqualTo(4096);
			assertThat(properties.unavailableRetryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.tokenBodyLimit()).isEqualTo(DataSize.ofKilobytes(16));
			assertThat(properties.cache()).isEqualTo(CACHE);
			assertThat(properties.assertion()).isEqualTo(ASSERTION);
		});
	}

	@Test
	void rejectsATimeoutThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ZERO, Duration.ZERO, 4096))
			.withMessage("pi.auth.timeout must be a positive duration such as 2s, was PT0S");
	}

	@Test
	void rejectsANegativeStaleIfError() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(TWO_SECONDS, Duration.ofSeconds(-1), 4096))
			.withMessage("pi.auth.stale-if-error must be zero or a positive duration such as 5s, was PT-1S");
	}

	@Test
	void rejectsAMaxTokenLengthOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(TWO_SECONDS, Duration.ZERO, 15))
			.withMessage("pi.auth.max-token-length must be between 16 and 4096, was 15");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(TWO_SECONDS, Duration.ZERO, 4097))
			.withMessage("pi.auth.max-token-length must be between 16 and 4096, was 4097");
	}

	@Test
	void rejectsAnUnavailableRetryAfterThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties(TWO_SECONDS, Duration.ZERO, 4096, Duration.ZERO,
					DataSize.ofKilobytes(16), CACHE, ASSERTION))
			.withMessage("pi.auth.unavailable-retry-after must be a positive duration such as 2s, was PT0S");
	}

	@Test
	void rejectsATokenBodyLimitOutsideOneKilobyteToOneMegabyte() {
		for (DataSize limit : new DataSize[] { DataSize.ofBytes(1023), DataSize.ofBytes(1024 * 1024 + 1) }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new PiAuthProperties(TWO_SECONDS, Duration.ZERO, 4096, Duration.ofSeconds(1), limit,
						CACHE, ASSERTION))
				.withMessage("pi.auth.token-body-limit must be between 1KB and 1MB, such as 16KB, was " + limit);
		}
	}

	@Test
	void rejectsNegativeCacheLifetimesAndAnEmptyCache() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties.Cache(Duration.ofSeconds(-1), Duration.ZERO, 1, true))
			.withMessage("pi.auth.cache.ttl must be zero or a positive duration such as 5s, was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties.Cache(Duration.ZERO, Duration.ofSeconds(-1), 1, true))
			.withMessage("pi.auth.cache.negative-ttl must be zero or a positive duration such as 5s, was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties.Cache(Duration.ZERO, Duration.ZERO, 0, true))
			.withMessage("pi.auth.cache.max-size must be at least 1, was 0");
	}

	@Test
	void rejectsAnAssertionTtlThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties.Assertion(true, Duration.ZERO, null, null, "pi-edge"))
			.withMessage("pi.auth.assertion.ttl must be a positive duration such as 2s, was PT0S");
	}

	@Test
	void rejectsABlankAssertionIssuer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiAuthProperties.Assertion(true, Duration.ofSeconds(60), null, null, " "))
			.withMessage("pi.auth.assertion.issuer must not be blank; the payment sidecar expects the same value "
					+ "in pi.identity.issuer (default pi-edge)");
	}

	@Test
	void failsStartupOnABadValueWithItsMessage() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withPropertyValues("pi.auth.cache.max-size=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.auth.cache.max-size must be at least 1, was 0"));
	}

	@Test
	void redactsTheSigningKeyInToString() {
		PiAuthProperties.Assertion assertion = new PiAuthProperties.Assertion(true, Duration.ofSeconds(60),
				"{\"kty\":\"EC\",\"d\":\"secret\"}", null, "pi-edge");

		assertThat(assertion.toString()).contains("jwk=[redacted]").doesNotContain("secret");
	}

	private static PiAuthProperties properties(Duration timeout, Duration staleIfError, int maxTokenLength) {
		return new PiAuthProperties(timeout, staleIfError, maxTokenLength, Duration.ofSeconds(1),
				DataSize.ofKilobytes(16), CACHE, ASSERTION);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PiAuthProperties.class)
	static class PropertiesConfiguration {

	}

}
