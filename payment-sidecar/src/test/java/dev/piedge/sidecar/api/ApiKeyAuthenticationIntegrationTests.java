package dev.piedge.sidecar.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys at the backend API's door ({@code /pi-edge/api/**} on the sidecar's own port):
 * 401 without a valid key, 403 naming the missing permission, revocation and rotation,
 * and the key's last use.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationIntegrationTests extends ApiIntegrationTestSupport {

	private static final String CHALLENGE = "Bearer realm=\"pi-edge-api\"";

	private static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

	@Test
	void aRequestWithoutACredentialIs401MissingApiKey() {
		this.client.get()
			.uri("/pi-edge/api/test/payouts")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", CHALLENGE)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing_api_key");
		// Another scheme carries nothing the API accepts.
		this.client.get()
			.uri("/pi-edge/api/test/payouts")
			.header("Authorization", "Basic YWxpY2U6c2VjcmV0")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing_api_key");
	}

	@Test
	void anUnknownMistypedOrMalformedKeyIs401InvalidApiKey() {
		CreatedKey real = createKey("real", "payouts:read");
		String wrongSecret = real.key().substring(0, real.key().length() - 1) + (real.key().endsWith("A") ? "B" : "A");
		for (String credential : new String[] { "pek_abcdefghijkl_" + "A".repeat(43), wrongSecret, real.key() + "x",
				"pek_" + real.id(), "not-a-key", "pek_" + real.id().toUpperCase() + "_x" }) {
			getApi("/pi-edge/api/test/payouts", credential).exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals("WWW-Authenticate", INVALID_TOKEN_CHALLENGE)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_api_key");
		}
		getApi("/pi-edge/api/test/payouts", real.key()).exchange().expectStatus().isOk();
	}

	@Test
	void aKeyWithoutThePermissionIs403NamingTheMissingPermission() {
		CreatedKey reader = createKey("reader", "payments:read");

		getApi("/pi-edge/api/test/payouts", reader.key()).exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("WWW-Authenticate", CHALLENGE + ", error=\"insufficient_scope\", scope=\"payouts:read\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_permission")
			.jsonPath("$.missing_permission")
			.isEqualTo("payouts:read");
	}

	@Test
	void payoutsWriteImpliesPayoutsReadButNothingElse() {
		CreatedKey writer = createKey("writer", "payouts:write");

		getApi("/pi-edge/api/test/payouts", writer.key()).exchange().expectStatus().isOk();
		getApi("/pi-edge/api/payments/pay-1", writer.key()).exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.missing_permission")
			.isEqualTo("payments:read");
	}

	@Test
	void aRevokedKeyIs401AtItsNextRequest() {
		CreatedKey key = createKey("soon-revoked", "payouts:read");
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();

		revokeKey(key.id());

		getApi("/pi-edge/api/test/payouts", key.key()).exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_api_key");
	}

	@Test
	void rotationKeepsTwoKeysActiveUntilTheOldOneIsRevoked() {
		CreatedKey old = createKey("backend-2026-10", "payouts:read");
		CreatedKey current = createKey("backend-2026-11", "payouts:read");

		getApi("/pi-edge/api/test/payouts", old.key()).exchange().expectStatus().isOk();
		getApi("/pi-edge/api/test/payouts", current.key()).exchange().expectStatus().isOk();

		revokeKey(old.id());

		getApi("/pi-edge/api/test/payouts", old.key()).exchange().expectStatus().isUnauthorized();
		getApi("/pi-edge/api/test/payouts", current.key()).exchange().expectStatus().isOk();
	}

	@Test
	void recordsTheLastUseAtMostOnceAMinute() {
		CreatedKey key = createKey("busy", "payouts:read");
		assertThat(lastUsed(key.id())).isNull();

		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();
		assertThat(lastUsed(key.id())).isEqualTo(ApiTestConfiguration.START);

		this.clock.advance(Duration.ofSeconds(59));
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();
		assertThat(lastUsed(key.id())).as("no write within the minute").isEqualTo(ApiTestConfiguration.START);

		this.clock.advance(Duration.ofSeconds(2));
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();
		assertThat(lastUsed(key.id())).isEqualTo(ApiTestConfiguration.START.plusSeconds(61));
	}

	@Test
	void everyPathUnderTheApiIsAuthenticatedBeforeRouting() {
		// Unknown paths reveal nothing without a key, and the router's own reading of a
		// path (segments decoded, matrix variables dropped) cannot reach a route around
		// the filter.
		for (String path : new String[] { "/pi-edge/api/nothing-here", "/pi-edge/api", "/pi-edge/%61pi/test/payouts",
				"/pi-edge;v=1/api/test/payouts", "/pi-edge/api;v=1/test/payouts" }) {
			this.client.get().uri(rawPath(path)).exchange().expectStatus().isUnauthorized();
		}
		CreatedKey key = createKey("explorer", "payouts:read");
		getApi("/pi-edge/api/nothing-here", key.key()).exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found");
	}

	@Test
	void keySecretsNeverReachTheLog(CapturedOutput output) {
		CreatedKey key = createKey("quiet", "payouts:read");
		String secret = key.key().substring(("pek_" + key.id() + "_").length());
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();
		getApi("/pi-edge/api/test/payouts", key.key() + "x").exchange().expectStatus().isUnauthorized();
		revokeKey(key.id());
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isUnauthorized();
		// A line that quotes a key, as an exception message or a library might.
		org.slf4j.LoggerFactory.getLogger("dev.piedge.sidecar.test")
			.warn("Refused Authorization: Bearer {} and later {}", key.key(), key.key());

		assertThat(output.getAll()).contains("Created API key " + key.id())
			.contains("Refused Authorization: Bearer [redacted] and later pek_" + key.id() + "_[redacted]")
			.doesNotContain(secret);
	}

	private Instant lastUsed(String id) {
		return this.db.sql("SELECT last_used_at FROM api_key WHERE id = :id")
			.bind("id", id)
			.map(row -> Optional.ofNullable(row.get(0, OffsetDateTime.class)))
			.one()
			.block(Duration.ofSeconds(10))
			.map(OffsetDateTime::toInstant)
			.orElse(null);
	}

}
