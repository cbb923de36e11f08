package dev.piedge.pi.client;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class PiPlatformClientMeTests extends PiApiWireMockSupport {

	private static final String ME_JSON = """
			{"uid":"uid-123","username":"alice",
			 "credentials":{"scopes":["username","payments"],
							"valid_until":{"timestamp":1698224114,"iso8601":"2023-10-25T08:55:14Z"}},
			 "roles":["core_team"]}
			""";

	@Test
	void returnsUserWithScopesAndValidUntil() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson(ME_JSON)));

		StepVerifier.create(client().me("token-abc")).assertNext(user -> {
			assertThat(user.uid()).isEqualTo("uid-123");
			assertThat(user.username()).isEqualTo("alice");
			assertThat(user.scopes()).containsExactly("username", "payments");
			assertThat(user.hasScope("payments")).isTrue();
			assertThat(user.validUntil()).isEqualTo(Instant.parse("2023-10-25T08:55:14Z"));
			assertThat(user.credentials().validUntil().iso8601()).isEqualTo("2023-10-25T08:55:14Z");
		}).expectComplete().verify(VERIFY_TIMEOUT);
	}

	@Test
	void returnsUserWithoutUsernameWhenScopeNotGranted() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson("""
				{"uid":"uid-9","credentials":{"scopes":["payments"],
				 "valid_until":{"timestamp":1698224114,"iso8601":"2023-10-25T08:55:14Z"}}}
				""")));

		StepVerifier.create(client().me("token-abc")).assertNext(user -> {
			assertThat(user.username()).isNull();
			assertThat(user.scopes()).containsExactly("payments");
			assertThat(user.hasScope("username")).isFalse();
		}).expectComplete().verify(VERIFY_TIMEOUT);
	}

	@Test
	void sendsAccessTokenAsBearerAndNoApiKey() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson(ME_JSON)));

		StepVerifier.create(client().me("token-abc.def_123"))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1,
				getRequestedFor(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer token-abc.def_123")));
	}

	@Test
	void mapsUnauthorizedToAccessTokenRejected() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"unauthorized\",\"error_message\":\"Invalid token\"}")));

		StepVerifier.create(client().me("expired-token")).expectErrorSatisfies(error -> {
			assertThat(error).isInstanceOf(PiAccessTokenRejectedException.class);
			assertThat(((PiAccessTokenRejectedException) error).isMalformed()).isFalse();
			assertThat(error.getMessage()).doesNotContain("expired-token").doesNotContain("Invalid token");
		}).verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).as("a definite 401 is not retried").isEqualTo(1);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "abc def", "abc\ndef", "abc\r\nX-Evil: 1", "tab\there", "nul\u0000", "del\u007f",
			"caf\u00e9", " leading", "trailing " })
	void rejectsMalformedTokenWithoutCallingPi(String token) {
		StepVerifier.create(client().me(token)).expectErrorSatisfies(error -> {
			assertThat(error).isInstanceOf(PiAccessTokenRejectedException.class);
			assertThat(((PiAccessTokenRejectedException) error).isMalformed()).isTrue();
		}).verify(VERIFY_TIMEOUT);

		assertThat(requestCount()).isZero();
	}

	@Test
	void rejectsOverlongTokenWithoutCallingPi() {
		String token = "a".repeat(PiPlatformClient.MAX_ACCESS_TOKEN_LENGTH + 1);

		StepVerifier.create(client().me(token))
			.expectError(PiAccessTokenRejectedException.class)
			.verify(VERIFY_TIMEOUT);

		assertThat(requestCount()).isZero();
	}

	@Test
	void acceptsTokenOfMaximumLength() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson(ME_JSON)));

		StepVerifier.create(client().me("a".repeat(PiPlatformClient.MAX_ACCESS_TOKEN_LENGTH)))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void retriesMeOnServerErrorWithTheSameToken() {
		pi.stubFor(get(urlEqualTo("/v2/me")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		pi.stubFor(get(urlEqualTo("/v2/me")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(ME_JSON)));

		StepVerifier.create(client().me("token-abc"))
			.assertNext(user -> assertThat(user.uid()).isEqualTo("uid-123"))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(2, getRequestedFor(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer token-abc")));
	}

	@Test
	void givesUpMeAfterMaxAttemptsOnServerError() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(aResponse().withStatus(503)));

		StepVerifier.create(client().me("token-abc"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.SERVER_ERROR)))
			.verify(VERIFY_TIMEOUT);

		assertThat(requestCount()).isEqualTo(3);
	}

	@Test
	void failsAsBadResponseWhenMeLacksUid() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson("""
				{"credentials":{"scopes":[],"valid_until":{"timestamp":1698224114,"iso8601":"x"}}}
				""")));

		StepVerifier.create(client().me("token-abc"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.BAD_RESPONSE)))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void timesOutSlowMeAnswer() {
		pi.stubFor(get(urlEqualTo("/v2/me")).willReturn(okJson(ME_JSON).withFixedDelay(2_000)));
		PiPlatformClient client = new PiPlatformClient(properties(API_KEY, Duration.ofMillis(300), null));

		StepVerifier.create(client.me("token-abc"))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.TIMEOUT)))
			.verify(VERIFY_TIMEOUT);
	}

}
