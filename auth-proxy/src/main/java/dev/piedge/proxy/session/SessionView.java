package dev.piedge.proxy.session;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A session as {@code /pi-edge/session} answers it.
 *
 * @param uid the app-scoped Pi user id
 * @param username the Pi username, or {@code null} when the user did not share it
 * @param ttl seconds left
 * @param until when the session ends, ISO-8601 UTC
 * @param created when the user signed in, ISO-8601 UTC
 */
record SessionView(String uid, String username, long ttl, String until, String created) {

	static SessionView of(BrowserSession session, Instant now) {
		return new SessionView(session.identity().uid(), session.identity().username(), session.secondsLeft(now),
				DateTimeFormatter.ISO_INSTANT.format(session.until()),
				DateTimeFormatter.ISO_INSTANT.format(session.created()));
	}

}
