package dev.piedge.sandbox.fault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts calls per Pi endpoint, so tests can assert how often a client called (or
 * retried) the API.
 */
@Component
class CallCounter {

	private final Map<PiEndpoint, AtomicLong> counts = new ConcurrentHashMap<>();

	void record(PiEndpoint endpoint) {
		counts.computeIfAbsent(endpoint, key -> new AtomicLong()).incrementAndGet();
	}

	/** Endpoints that were never called are left out. */
	Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		counts.forEach((endpoint, count) -> snapshot.put(endpoint.key(), count.get()));
		return snapshot;
	}

	void reset() {
		counts.clear();
	}

}
