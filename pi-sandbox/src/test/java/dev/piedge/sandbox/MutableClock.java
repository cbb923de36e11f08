package dev.piedge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand, to reach approval timeouts and token expiry without waiting. */
public final class MutableClock extends Clock {

	public static final Instant START = Instant.parse("2030-01-01T00:00:00.123Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	public void advance(Duration duration) {
		now.updateAndGet(instant -> instant.plus(duration));
	}

	public void reset() {
		now.set(START);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The sandbox works in UTC only");
	}
}
