package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class PiResponseDecoderTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void parsesRetryAfterSeconds() {
		assertThat(PiResponseDecoder.retryAfter("7", CLOCK)).contains(Duration.ofSeconds(7));
		assertThat(PiResponseDecoder.retryAfter(" 0 ", CLOCK)).contains(Duration.ZERO);
	}

	@Test
	void parsesRetryAfterHttpDate() {
		assertThat(PiResponseDecoder.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", CLOCK))
			.contains(Duration.ofSeconds(30));
	}

	@Test
	void readsPastHttpDateAsZero() {
		assertThat(PiResponseDecoder.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
	}

	@Test
	void capsRetryAfter() {
		assertThat(PiResponseDecoder.retryAfter("86400", CLOCK)).contains(PiApiUnavailableException.MAX_RETRY_AFTER);
		assertThat(PiResponseDecoder.retryAfter("99999999999999999999", CLOCK))
			.contains(PiApiUnavailableException.MAX_RETRY_AFTER);
		assertThat(PiResponseDecoder.retryAfter("Fri, 01 Jan 2100 00:00:00 GMT", CLOCK))
			.contains(PiApiUnavailableException.MAX_RETRY_AFTER);
	}

	@Test
	void ignoresUnreadableRetryAfter() {
		assertThat(PiResponseDecoder.retryAfter(null, CLOCK)).isEmpty();
		assertThat(PiResponseDecoder.retryAfter("", CLOCK)).isEmpty();
		assertThat(PiResponseDecoder.retryAfter("-5", CLOCK)).isEmpty();
		assertThat(PiResponseDecoder.retryAfter("soon", CLOCK)).isEmpty();
		assertThat(PiResponseDecoder.retryAfter("1.5", CLOCK)).isEmpty();
	}

}
