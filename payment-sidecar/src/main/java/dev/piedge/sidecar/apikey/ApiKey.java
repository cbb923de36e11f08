package dev.piedge.sidecar.apikey;

import java.time.Instant;
import java.util.Set;

import dev.piedge.sidecar.api.Permission;

/**
 * A backend API key as pi-edge keeps it, without its secret.
 *
 * @param id the key's public id (the part after {@code pek_})
 * @param label what the operator called it, such as {@code ci}
 * @param permissions the permissions granted, before implication
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request, to the minute; {@code null} if
 * never
 * @param revokedAt when it was revoked; {@code null} while it is active
 */
record ApiKey(String id, String label, Set<Permission> permissions, Instant createdAt, Instant lastUsedAt,
		Instant revokedAt) {

	boolean active() {
		return this.revokedAt == null;
	}

}
