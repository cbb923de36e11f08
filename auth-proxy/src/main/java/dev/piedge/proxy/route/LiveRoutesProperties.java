package dev.piedge.proxy.route;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live reloading of the routes file ({@code pi.routes.reload.*}).
 *
 * @param enabled watch the routes file and apply its edits without a restart
 * @param interval how often the file is read. An edit is applied once the same content
 * has been read twice in a row, so a file caught half written is never taken for a broken
 * edit: changes apply within two intervals.
 */
@ConfigurationProperties("pi.routes.reload")
record LiveRoutesProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval) {

	LiveRoutesProperties {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(
					"pi.routes.reload.interval must be a positive duration, such as 1s, was " + interval);
		}
	}

}
