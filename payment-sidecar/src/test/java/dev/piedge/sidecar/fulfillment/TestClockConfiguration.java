package dev.piedge.sidecar.fulfillment;

import java.time.Instant;

import dev.piedge.test.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with a {@link MutableClock} the tests move by hand. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

	static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(START);
	}

}
