package dev.piedge.sidecar.apikey;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.piedge.sidecar.api.ApiIntegrationTestSupport;
import dev.piedge.sidecar.api.ApiTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator's one command, {@code /actuator/apikeys} on the management port: a key is
 * shown whole once, stored as the SHA-256 of its secret, listed without it, and revoked.
 */
class ApiKeyManagementIntegrationTests extends ApiIntegrationTestSupport {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Test
	void createsAKeyThatIsShownOnceAndStoredOnlyAsTheHashOfItsSecret() throws Exception {
		Map<String, Object> created = management().post()
			.uri("/actuator/apikeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("label", "ci", "permissions", "payouts:write, payments:read"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CREATED)
			.expectBody(OBJECT)
			.returnResult()
			.getResponseBody();

		String id = (String) created.get("id");
		String key = (String) created.get("key");
		assertThat(key).matches("pek_[a-z0-9]{12}_[A-Za-z0-9_-]{43}").startsWith("pek_" + id + "_");
		assertThat(created).containsEntry("label", "ci")
			.containsEntry("permissions", List.of("payouts:write", "payments:read"))
			.containsEntry("created_at", ApiTestConfiguration.START.toString());

		String secret = key.substring(("pek_" + id + "_").length());
		Map<String, Object> row = this.db.sql("SELECT * FROM api_key WHERE id = :id")
			.bind("id", id)
			.fetch()
			.one()
			.block(Duration.ofSeconds(10));
		ByteBuffer stored = (ByteBuffer) row.get("secret_sha256");
		byte[] storedHash = new byte[stored.remaining()];
		stored.get(storedHash);
		assertThat(storedHash)
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(secret));

		List<Map<String, Object>> listed = management().get()
			.uri("/actuator/apikeys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(listed).filteredOn(entry -> id.equals(entry.get("id")))
			.singleElement()
			.satisfies(entry -> assertThat(entry).doesNotContainKey("key")
				.containsEntry("label", "ci")
				.containsEntry("permissions", List.of("payouts:write", "payments:read")));
	}

	@Test
	void refusesAKeyWithoutALabelOrWithAnUnknownPermission() {
		assertRefused(Map.of("label", " ", "permissions", "payments:read"), "label");
		assertRefused(Map.of("label", "ci", "permissions", ""), "permissions");
		assertRefused(Map.of("label", "ci", "permissions", "payouts:*"), "Unknown permission");
		assertRefused(Map.of("label", "ci", "permissions", "payments:read,admin"), "Unknown permission");
		assertRefused(Map.of("label", "x".repeat(101), "permissions", "payments:read"), "label");
		assertRefused(Map.of("label", "ci", "permissions", List.of("payments:read")), null);
		assertRefused(Map.of("label", "ci"), null);
	}

	@Test
	void revokesAKeyAndKeepsItInTheList() {
		String id = createKey("to-revoke", "payments:read").id();
		this.clock.advance(Duration.ofMinutes(5));

		Map<String, Object> revoked = management().delete()
			.uri("/actuator/apikeys/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(revoked).containsEntry("id", id)
			.containsEntry("revoked_at", ApiTestConfiguration.START.plus(Duration.ofMinutes(5)).toString())
			.doesNotContainKey("key");
		OffsetDateTime stored = this.db.sql("SELECT revoked_at FROM api_key WHERE id = :id")
			.bind("id", id)
			.map(row -> row.get(0, OffsetDateTime.class))
			.one()
			.block(Duration.ofSeconds(10));
		assertThat(stored.toInstant()).isEqualTo(ApiTestConfiguration.START.plus(Duration.ofMinutes(5)));
	}

	@Test
	void revokingAnUnknownKeyIs404() {
		management().delete()
			.uri("/actuator/apikeys/{id}", "nosuchkey000")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("api_key_not_found");
	}

	@Test
	void theManagementPortListensOnLoopbackOnly() throws Exception {
		InetAddress external = NetworkInterface.networkInterfaces()
			.filter(this::isUp)
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst()
			.orElse(null);
		assumeTrue(external != null, "this machine has no non-loopback IPv4 address to try");

		try (Socket socket = new Socket()) {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> socket.connect(new InetSocketAddress(external, this.managementPort), 2000));
		}
		management().get().uri("/actuator/apikeys").exchange().expectStatus().isOk();
	}

	private boolean isUp(NetworkInterface networkInterface) {
		try {
			return networkInterface.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

	private void assertRefused(Map<String, Object> request, String detail) {
		WebTestClient.BodyContentSpec body = management().post()
			.uri("/actuator/apikeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody();
		if (detail != null) {
			body.jsonPath("$.code")
				.isEqualTo("invalid_request")
				.jsonPath("$.detail")
				.value(String.class, text -> assertThat(text).contains(detail));
		}
	}

}
