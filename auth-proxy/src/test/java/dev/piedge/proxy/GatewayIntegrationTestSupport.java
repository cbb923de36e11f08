package dev.piedge.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.test.MutableClock;
import dev.piedge.test.SharedWireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Starts the real gateway on a random port, with one WireMock server playing the Pi
 * Platform API and one playing the backend. Routes come from
 * {@code application-test.yml}; time comes from a {@link MutableClock}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
@ActiveProfiles("test")
@Import(GatewayIntegrationTestSupport.ClockConfiguration.class)
public abstract class GatewayIntegrationTestSupport {

	public static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	/**
	 * Pi and the backend, for the whole run: the Spring context that test classes share
	 * keeps their URLs. Reset before each test.
	 */
	@RegisterExtension
	protected static final SharedWireMockExtension pi = new SharedWireMockExtension();

	@RegisterExtension
	protected static final SharedWireMockExtension backend = new SharedWireMockExtension();

	@Autowired
	protected WebTestClient client;

	@Autowired
	protected MutableClock clock;

	@DynamicPropertySource
	static void wireMockUrls(DynamicPropertyRegistry registry) {
		registry.add("pi.api.base-url", pi::baseUrl);
		registry.add("test.backend-url", backend::baseUrl);
	}

	@BeforeEach
	void backendAnswersOk() {
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("backend-ok")));
	}

	/**
	 * Makes Pi know {@code token} as {@code uid} with these scopes, valid for
	 * {@code validFor} from now.
	 */
	protected void piKnows(String token, String uid, String username, List<String> scopes, Duration validFor) {
		long validUntil = this.clock.instant().plus(validFor).getEpochSecond();
		String usernameField = (username != null) ? ",\"username\":\"" + username + "\"" : "";
		String scopeList = String.join("\",\"", scopes);
		String body = "{\"uid\":\"" + uid + "\",\"credentials\":{\"scopes\":["
				+ (scopes.isEmpty() ? "" : "\"" + scopeList + "\"") + "],\"valid_until\":{\"timestamp\":" + validUntil
				+ ",\"iso8601\":\"" + Instant.ofEpochSecond(validUntil) + "\"}}" + usernameField + "}";
		pi.stubFor(meFor(token)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	protected void piRejects(String token) {
		pi.stubFor(meFor(token).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_token\",\"error_message\":\"token expired\"}")));
	}

	protected static MappingBuilder meFor(String token) {
		return get(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer " + token));
	}

	protected static int meCalls() {
		return pi.countRequestsMatching(getRequestedFor(urlEqualTo("/v2/me")).build()).getCount();
	}

	protected static List<LoggedRequest> backendRequests() {
		return backend.findAll(anyRequestedFor(anyUrl()));
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(START);
		}

	}

}
