package dev.piedge.sidecar.idempotency;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The {@code api_idempotency} table. A key is taken with one statement that inserts it,
 * or takes over a lease that ran out with the same request, and otherwise returns the row
 * as it stands; so two instances racing for one key never both run the request.
 */
@Repository
class IdempotencyRepository {

	private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
	};

	/*
	 * The outer SELECT reads the snapshot taken before the INSERT, so a row another
	 * request inserted a moment ago may be invisible to it: then nothing comes back, and
	 * that request is the one in progress.
	 */
	private static final String CLAIM = """
			WITH claimed AS (
			    INSERT INTO api_idempotency (principal, idempotency_key, request_sha256, lease_token, leased_until,
			        created_at)
			    VALUES (:principal, :key, :hash, :token, :until, :now)
			    ON CONFLICT (principal, idempotency_key) DO UPDATE
			        SET lease_token = EXCLUDED.lease_token, leased_until = EXCLUDED.leased_until
			        WHERE api_idempotency.completed_at IS NULL AND api_idempotency.leased_until < EXCLUDED.created_at
			          AND api_idempotency.request_sha256 = EXCLUDED.request_sha256
			    RETURNING request_sha256, lease_token, response_status, response_headers, response_body
			)
			SELECT TRUE AS claimed, request_sha256, lease_token, response_status, response_headers::text AS headers,
			    response_body FROM claimed
			UNION ALL
			SELECT FALSE, request_sha256, lease_token, response_status, response_headers::text, response_body
			FROM api_idempotency
			WHERE principal = :principal AND idempotency_key = :key AND NOT EXISTS (SELECT 1 FROM claimed)""";

	private final DatabaseClient db;

	private final JsonMapper json = JsonMapper.builder().build();

	IdempotencyRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Takes the key for a request with this fingerprint under a lease until
	 * {@code until}, or returns the key as another request left it; empty when another
	 * request took it at this very moment.
	 */
	Mono<IdempotencyRecord> claim(String principal, String key, byte[] requestSha256, UUID token, Instant now,
			Instant until) {
		return this.db.sql(CLAIM)
			.bind("principal", principal)
			.bind("key", key)
			.bind("hash", ByteBuffer.wrap(requestSha256))
			.bind("token", token)
			.bind("until", utc(until))
			.bind("now", utc(now))
			.map(this::record)
			.one();
	}

	/**
	 * Stores the answer, if this request still holds the lease; emits whether it did.
	 */
	Mono<Boolean> complete(String principal, String key, UUID token, StoredAnswer answer, Instant now) {
		return this.db.sql("""
				UPDATE api_idempotency SET response_status = :status, response_headers = CAST(:headers AS JSONB),
				    response_body = :body, completed_at = :now, lease_token = NULL, leased_until = NULL
				WHERE principal = :principal AND idempotency_key = :key AND lease_token = :token""")
			.bind("status", (short) answer.status())
			.bind("headers", this.json.writeValueAsString(answer.headers()))
			.bind("body", ByteBuffer.wrap(answer.body()))
			.bind("now", utc(now))
			.bind("principal", principal)
			.bind("key", key)
			.bind("token", token)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows > 0);
	}

	/** Gives the key up, if this request still holds it, so a retry runs anew. */
	Mono<Void> release(String principal, String key, UUID token) {
		return this.db
			.sql("DELETE FROM api_idempotency WHERE principal = :principal AND idempotency_key = :key "
					+ "AND lease_token = :token")
			.bind("principal", principal)
			.bind("key", key)
			.bind("token", token)
			.then();
	}

	/**
	 * Deletes up to {@code limit} keys whose answer is older than {@code cutoff}, and
	 * keys abandoned mid-request before it whose lease has ended; emits how many went.
	 */
	Mono<Long> deleteExpired(Instant cutoff, Instant now, int limit) {
		return this.db.sql("""
				DELETE FROM api_idempotency WHERE (principal, idempotency_key) IN (
				    SELECT principal, idempotency_key FROM api_idempotency
				    WHERE COALESCE(completed_at, created_at) < :cutoff
				      AND (completed_at IS NOT NULL OR leased_until < :now)
				    LIMIT :limit)""")
			.bind("cutoff", utc(cutoff))
			.bind("now", utc(now))
			.bind("limit", limit)
			.fetch()
			.rowsUpdated();
	}

	private IdempotencyRecord record(Readable row) {
		Short status = row.get("response_status", Short.class);
		StoredAnswer answer = null;
		if (status != null) {
			String headers = row.get("headers", String.class);
			answer = new StoredAnswer(status, (headers != null) ? this.json.readValue(headers, HEADERS) : Map.of(),
					bytes(row.get("response_body", ByteBuffer.class)));
		}
		return new IdempotencyRecord(Boolean.TRUE.equals(row.get("claimed", Boolean.class)),
				bytes(row.get("request_sha256", ByteBuffer.class)), row.get("lease_token", UUID.class), answer);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		if (buffer == null) {
			return new byte[0];
		}
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
