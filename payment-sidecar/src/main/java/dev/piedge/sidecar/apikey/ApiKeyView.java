package dev.piedge.sidecar.apikey;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.piedge.sidecar.api.Permission;

/**
 * A key as the management endpoint shows it. {@code key}, the whole credential, is
 * present only in the answer that created it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(String id, String key, String label, List<String> permissions,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("last_used_at") Instant lastUsedAt,
		@JsonProperty("revoked_at") Instant revokedAt) {

	static ApiKeyView of(ApiKey key) {
		return new ApiKeyView(key.id(), null, key.label(), key.permissions().stream().map(Permission::value).toList(),
				key.createdAt(), key.lastUsedAt(), key.revokedAt());
	}

	static ApiKeyView created(ApiKeyService.CreatedApiKey created) {
		ApiKeyView view = of(created.key());
		return new ApiKeyView(view.id(), created.credential().value(), view.label(), view.permissions(),
				view.createdAt(), null, null);
	}

}
