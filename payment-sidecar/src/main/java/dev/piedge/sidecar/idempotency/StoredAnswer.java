package dev.piedge.sidecar.idempotency;

import java.util.List;
import java.util.Map;

/**
 * The answer to replay for an {@code Idempotency-Key}: status, the headers that describe
 * the body ({@link #KEPT_HEADERS}) and the body's bytes.
 */
record StoredAnswer(int status, Map<String, List<String>> headers, byte[] body) {

	/**
	 * What a replay repeats besides status and body; per-attempt headers (dates,
	 * {@code Retry-After}) are not.
	 */
	static final List<String> KEPT_HEADERS = List.of("Content-Type", "Content-Language", "Location", "ETag", "Link");

}
