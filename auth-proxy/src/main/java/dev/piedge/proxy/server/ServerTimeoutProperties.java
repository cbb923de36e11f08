package dev.piedge.proxy.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may take to send a request body ({@code pi.server.*}). Spring Boot
 * has no property for these two Reactor Netty server settings; the idle connection and
 * the header block are bounded by Boot's own {@code server.netty.idle-timeout}.
 *
 * @param readTimeout longest silence between two reads of a request body
 * @param requestTimeout longest time to receive a whole request body, counted from the
 * end of its headers. Keep it below the gateway's response timeout: that one also runs
 * while the body is being forwarded, and a slow client should end as its own failure, not
 * as a 504 that blames the backend.
 */
@ConfigurationProperties("pi.server")
record ServerTimeoutProperties(@DefaultValue("15s") Duration readTimeout,
		@DefaultValue("25s") Duration requestTimeout) {

	ServerTimeoutProperties {
		requirePositive("pi.server.read-timeout", readTimeout);
		requirePositive("pi.server.request-timeout", requestTimeout);
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be a positive duration, such as 15s, was " + value);
		}
	}

}
