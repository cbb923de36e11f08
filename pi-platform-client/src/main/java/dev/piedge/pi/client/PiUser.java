package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Pi user behind an access token, as returned by {@code GET /v2/me}.
 *
 * @param uid the app-scoped user id; never blank
 * @param username the Pi username, or null when the token lacks the {@code username}
 * scope
 * @param credentials the granted scopes and token expiry; never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiUser(@JsonProperty("uid") String uid, @JsonProperty("username") String username,
		@JsonProperty("credentials") PiCredentials credentials) {

	/**
	 * Requires the fields every consumer depends on.
	 * @throws IllegalArgumentException if {@code uid} is blank or {@code credentials} is
	 * null
	 */
	public PiUser {
		if (uid == null || uid.isBlank()) {
			throw new IllegalArgumentException("Pi user must have a uid");
		}
		if (credentials == null) {
			throw new IllegalArgumentException("Pi user must have credentials");
		}
	}

	/**
	 * Returns when the access token stops being valid.
	 * @return the expiry instant (see {@link PiValidUntil#instant()})
	 */
	public Instant validUntil() {
		return credentials.validUntil().instant();
	}

	/**
	 * Returns the granted scopes as a set, in the order Pi listed them.
	 * @return an unmodifiable set of scopes
	 */
	public Set<String> scopes() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(credentials.scopes()));
	}

	/**
	 * Tells whether the token was granted a scope.
	 * @param scope a scope name such as {@code payments}
	 * @return true if granted
	 */
	public boolean hasScope(String scope) {
		return credentials.scopes().contains(scope);
	}
}
