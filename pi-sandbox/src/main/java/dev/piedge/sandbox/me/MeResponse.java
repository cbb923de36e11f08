package dev.piedge.sandbox.me;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.piedge.sandbox.user.SandboxUser;

/**
 * The UserDTO of {@code GET /v2/me}; {@code username} is present only with the
 * {@code username} scope.
 */
@JsonPropertyOrder({ "uid", "credentials", "username" })
record MeResponse(String uid, Credentials credentials, @JsonInclude(JsonInclude.Include.NON_NULL) String username) {

	static MeResponse of(SandboxUser user) {
		Instant validUntil = user.validUntil().truncatedTo(ChronoUnit.SECONDS);
		return new MeResponse(user.uid(),
				new Credentials(user.scopes(),
						new ValidUntil(validUntil.getEpochSecond(), DateTimeFormatter.ISO_INSTANT.format(validUntil))),
				user.hasScope("username") ? user.username() : null);
	}

	@JsonPropertyOrder({ "scopes", "valid_until" })
	record Credentials(List<String> scopes, @JsonProperty("valid_until") ValidUntil validUntil) {
	}

	@JsonPropertyOrder({ "timestamp", "iso8601" })
	record ValidUntil(long timestamp, String iso8601) {
	}
}
