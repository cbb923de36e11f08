package dev.piedge.sidecar.apikey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import dev.piedge.sidecar.api.Permission;
import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code api_key} table. The secret itself is never stored, only its SHA-256.
 */
@Repository
class ApiKeyRepository {

	private static final String COLUMNS = "id, secret_sha256, label, permissions, created_at, last_used_at, revoked_at";

	private final DatabaseClient db;

	ApiKeyRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<ApiKey> insert(ApiKey key, byte[] secretSha256) {
		return this.db
			.sql("INSERT INTO api_key (id, secret_sha256, label, permissions, created_at) "
					+ "VALUES (:id, :hash, :label, :permissions, :now) RETURNING " + COLUMNS)
			.bind("id", key.id())
			.bind("hash", secretSha256)
			.bind("label", key.label())
			.bind("permissions", key.permissions().stream().map(Permission::value).toArray(String[]::new))
			.bind("now", utc(key.createdAt()))
			.map(ApiKeyRepository::stored)
			.one()
			.map(StoredApiKey::key);
	}

	Mono<StoredApiKey> find(String id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = :id")
			.bind("id", id)
			.map(ApiKeyRepository::stored)
			.one();
	}

	/** Every key, active and revoked, oldest first. */
	Flux<ApiKey> findAll() {
		return this.db.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id")
			.map(ApiKeyRepository::stored)
			.all()
			.map(StoredApiKey::key);
	}

	/**
	 * Revokes the key (a revoked key keeps its first revocation time); empty if unknown.
	 */
	Mono<ApiKey> revoke(String id, Instant now) {
		return this.db
			.sql("UPDATE api_key SET revoked_at = COALESCE(revoked_at, :now) WHERE id = :id RETURNING " + COLUMNS)
			.bind("id", id)
			.bind("now", utc(now))
			.map(ApiKeyRepository::stored)
			.one()
			.map(StoredApiKey::key);
	}

	/**
	 * Records a use, unless one since {@code staleBefore} is already recorded (by this
	 * instance or another): at most one write per key per interval, not one per request.
	 */
	Mono<Void> recordUse(String id, Instant now, Instant staleBefore) {
		return this.db
			.sql("UPDATE api_key SET last_used_at = :now "
					+ "WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)")
			.bind("id", id)
			.bind("now", utc(now))
			.bind("stale", utc(staleBefore))
			.then();
	}

	private static StoredApiKey stored(Readable row) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		String[] granted = row.get("permissions", String[].class);
		if (granted != null) {
			// A permission this version does not know (written by a newer one) grants
			// nothing here.
			for (String value : granted) {
				Permission.parse(value).ifPresent(permissions::add);
			}
		}
		ApiKey key = new ApiKey(row.get("id", String.class), row.get("label", String.class), permissions,
				instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("last_used_at", OffsetDateTime.class)),
				instant(row.get("revoked_at", OffsetDateTime.class)));
		return new StoredApiKey(key, row.get("secret_sha256", byte[].class));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

}
