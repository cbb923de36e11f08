package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * The {@code credentials} object of a {@code /v2/me} answer: what the access token was
 * granted and until when.
 *
 * @param scopes the granted scopes (e.g. {@code username}, {@code payments},
 * {@code wallet_address}); never null, null elements are dropped
 * @param validUntil when the token expires; never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiCredentials(@JsonProperty("scopes") List<String> scopes,
		@JsonProperty("valid_until") PiValidUntil validUntil) {

	/**
	 * Normalises the scopes and requires an expiry.
	 * @throws IllegalArgumentException if {@code validUntil} is null
	 */
	public PiCredentials {
		scopes = scopes == null ? List.of() : scopes.stream().filter(Objects::nonNull).toList();
		if (validUntil == null) {
			// Without an expiry a verified identity could be cached forever, so refuse
			// the answer.
			throw new IllegalArgumentException("Pi credentials must include valid_until");
		}
	}
}
