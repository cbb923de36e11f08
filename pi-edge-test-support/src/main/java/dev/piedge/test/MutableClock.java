package dev.piedge.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that stands still until a test moves it, so cache lifetimes, due times,
 * backoffs and expiries are exact and reached without sleeping.
 */
public final class MutableClock extends Clock {

	private final Instant start;

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.start = start;
		this.now = new AtomicReference<>(start);
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

	public void advance(Duration duration) {
		this.now.updateAndGet(current -> current.plus(duration));
	}

	/** Back to the instant the clock started at. */
	public void reset() {
		set(this.start);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** pi-edge works in UTC only; asking for another zone is a bug worth failing on. */
	@Override
	public Clock withZone(ZoneId zone) {
		if (ZoneOffset.UTC.equals(zone.normalized())) {
			return this;
		}
		throw new UnsupportedOperationException("The test clock is UTC only, not " + zone);
	}

}
