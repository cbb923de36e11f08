package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiApiPropertiesTests {

	private static final String KEY = "sk_live_0123456789abcdef";

	@Test
	void appliesDefaults() {
		PiApiProperties properties = new PiApiProperties(null, null, null, null, null, null);

		assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.minepi.com"));
		assertThat(properties.key()).isEmpty();
		assertThat(properties.hasKey()).isFalse();
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofKilobytes(256));
		assertThat(properties.retry())
			.isEqualTo(new PiApiProperties.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5));
		assertThat(properties.keyFingerprint()).isEqualTo("none");
	}

	@Test
	void redactsKeyInToString() {
		PiApiProperties properties = PiApiProperties.of(null, KEY);

		assertThat(properties.toString()).doesNotContain(KEY)
			.doesNotContain("0123456789")
			.contains(properties.keyFingerprint());
	}

	@Test
	void fingerprintIsFirstTwelveHexOfSha256() {
		// echo -n sk_live_0123456789abcdef | sha256sum
		assertThat(PiApiProperties.of(null, KEY).keyFingerprint()).isEqualTo("342e20dec519");
		assertThat(PiApiProperties.of(null, "other").keyFingerprint()).matches("[0-9a-f]{12}")
			.isNotEqualTo("342e20dec519");
	}

	@Test
	void stripsKeyWhitespaceAndBaseUrlTrailingSlash() {
		PiApiProperties properties = PiApiProperties.of(URI.create("http://localhost:8089/"), "  " + KEY + "\n");

		assertThat(properties.key()).isEqualTo(KEY);
		assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8089"));
	}

	@Test
	void rejectsKeyWithInteriorWhitespaceWithoutQuotingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> PiApiProperties.of(null, "sk_live abc"))
			.withMessageContaining("pi.api.key")
			.withMessageNotContaining("sk_live");
	}

	@Test
	void rejectsNonHttpBaseUrl() {
		for (String url : new String[] { "ftp://api.minepi.com", "api.minepi.com", "file:///etc/passwd",
				"https://user:pw@api.minepi.com", "https://api.minepi.com?x=1" }) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> PiApiProperties.of(URI.create(url), null))
				.withMessageContaining("pi.api.base-url");
		}
	}

	@Test
	void rejectsNonPositiveDurations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties(null, null, Duration.ofSeconds(-1), null, null, null))
			.withMessageContaining("pi.api.timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties(null, null, null, Duration.ZERO, null, null))
			.withMessageContaining("pi.api.connect-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties(null, null, null, null, DataSize.ofBytes(0), null))
			.withMessageContaining("pi.api.max-response-size");
	}

	@Test
	void rejectsOversizedLimitsNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties(null, null, null, Duration.ofDays(30), null, null))
			.withMessage("pi.api.connect-timeout is too large; use a few seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties(null, null, null, null, DataSize.ofMegabytes(17), null))
			.withMessage("pi.api.max-response-size must be between 1B and 16MB, got 17825792B");
	}

	@Test
	void rejectsBadRetryPolicy() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PiApiProperties.Retry(0, null, null, 0.5))
			.withMessageContaining("pi.api.retry.max-attempts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties.Retry(3, Duration.ofMillis(-1), null, 0.5))
			.withMessageContaining("pi.api.retry.min-backoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PiApiProperties.Retry(3, Duration.ofSeconds(1), Duration.ofMillis(10), 0.5))
			.withMessageContaining("pi.api.retry.max-backoff");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiApiProperties.Retry(3, null, null, 1.5))
			.withMessageContaining("pi.api.retry.jitter");
	}

	@Test
	void rejectsRetryValuesAtTheEdgesWithTheirMessages() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PiApiProperties.Retry(11, null, null, 0.5))
			.withMessage("pi.api.retry.max-attempts must be between 1 (no retry) and 10, got 11");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiApiProperties.Retry(3, null, null, -0.1))
			.withMessage("pi.api.retry.jitter must be between 0.0 and 1.0, got -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> new PiApiProperties.Retry(3, null, null, Double.NaN))
			.withMessage("pi.api.retry.jitter must be between 0.0 and 1.0, got NaN");
	}

	@Test
	void raisesDefaultMaxBackoffToMinBackoff() {
		assertThat(new PiApiProperties.Retry(3, Duration.ofSeconds(5), null, 0.5).maxBackoff())
			.isEqualTo(Duration.ofSeconds(5));
	}

}
