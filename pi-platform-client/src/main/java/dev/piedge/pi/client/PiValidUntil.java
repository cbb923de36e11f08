package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * End of validity of a Pi access token, as reported by {@code /v2/me} under
 * {@code credentials.valid_until}.
 *
 * @param timestamp epoch seconds (UTC)
 * @param iso8601 the same instant as an ISO-8601 string, may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiValidUntil(long timestamp, String iso8601) {

	/**
	 * Returns the expiry as an {@link Instant}.
	 *
	 * <p>
	 * The epoch timestamp is authoritative; the ISO string is only consulted when the
	 * timestamp is missing (0), since Pi documents both as the same instant.
	 * @return the expiry instant, or {@link Instant#EPOCH} if neither field carries a
	 * usable value (which a cache should treat as already expired)
	 */
	public Instant instant() {
		if (timestamp > 0) {
			return Instant.ofEpochSecond(timestamp);
		}
		if (iso8601 != null) {
			try {
				return Instant.parse(iso8601);
			}
			catch (DateTimeParseException ignored) {
				// Fall through to EPOCH: an unreadable expiry must never extend a token's
				// lifetime.
			}
		}
		return Instant.EPOCH;
	}
}
