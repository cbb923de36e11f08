package dev.piedge.sidecar.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.piedge.sidecar.PaymentSidecarApplication;
import dev.piedge.test.MutableClock;
import dev.piedge.test.SharedWireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * One running sidecar for every backend API test: the real embedded PostgreSQL, the API
 * on its own port and key management on the management port, a hand-moved clock, WireMock
 * serving a platform's JWK Set, and the test endpoints of {@link ApiTestConfiguration}.
 */
@SpringBootTest(classes = { PaymentSidecarApplication.class, ApiTestConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pi.api.key=test-server-key", "pi.payments.reconcile.initial-delay=1h",
				"pi.api-auth.platform.max-lifetime=5m", "pi.api-auth.platform.clock-skew=30s",
				"pi.api-idempotency.lease=1m" })
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles("test")
public abstract class ApiIntegrationTestSupport {

	public static final String JWKS_PATH = "/platform/jwks.json";

	public static final TestPlatformKeys platformKeys = TestPlatformKeys.generate("platform-rsa-1", "platform-ec-1");

	/** The platform, for the whole run: the cached context keeps its URL. */
	@RegisterExtension
	public static final SharedWireMockExtension platform = new SharedWireMockExtension();

	@Autowired
	protected WebTestClient client;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected DatabaseClient db;

	@LocalManagementPort
	protected int managementPort;

	@LocalServerPort
	protected int serverPort;

	@DynamicPropertySource
	static void platformProperties(DynamicPropertyRegistry registry) {
		registry.add("pi.api-auth.platform.jwks-uri", () -> platform.baseUrl() + JWKS_PATH);
	}

	@BeforeEach
	void resetClockAndPlatform() {
		this.clock.set(ApiTestConfiguration.START);
		platform.stubFor(get(urlEqualTo(JWKS_PATH))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(platformKeys.jwksJson())));
	}

	/** A client for the management port, where keys are created, listed and revoked. */
	protected WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Creates a key through the management endpoint, as an operator does. */
	protected CreatedKey createKey(String label, String... permissions) {
		Map<String, Object> created = management().post()
			.uri("/actuator/apikeys")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("label", label, "permissions", String.join(",", permissions)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CREATED)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return new CreatedKey((String) created.get("id"), (String) created.get("key"));
	}

	protected void revokeKey(String id) {
		management().delete().uri("/actuator/apikeys/{id}", id).exchange().expectStatus().isOk();
	}

	/** A request to the backend API with this bearer credential. */
	protected WebTestClient.RequestHeadersSpec<?> getApi(String path, String credential) {
		return this.client.get().uri(path).header("Authorization", "Bearer " + credential);
	}

	/** The path exactly as written: no template expansion, no encoding. */
	protected URI rawPath(String path) {
		return URI.create("http://localhost:" + this.serverPort + path);
	}

	protected record CreatedKey(String id, String key) {
	}

}
