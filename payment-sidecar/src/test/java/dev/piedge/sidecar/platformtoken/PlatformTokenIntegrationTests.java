package dev.piedge.sidecar.platformtoken;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.piedge.sidecar.api.ApiIntegrationTestSupport;
import dev.piedge.sidecar.api.ApiTestConfiguration;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.piedge.sidecar.api.TestPlatformKeys.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform tokens at the backend API's door, verified against the platform's JWK Set
 * (served by WireMock): the same permission checks as API keys, refusals as 401
 * {@code invalid_platform_token}, and key rotation through the key set.
 */
class PlatformTokenIntegrationTests extends ApiIntegrationTestSupport {

	@Test
	void acceptsRs512AndEs256TokensFromThePlatformsKeySet() {
		getApi("/pi-edge/api/test/payouts",
				platformKeys.rs512(claims("billing", ApiTestConfiguration.START, "payouts:read").build()))
			.exchange()
			.expectStatus()
			.isOk();
		getApi("/pi-edge/api/test/payouts",
				platformKeys.es256(claims("billing", ApiTestConfiguration.START, "payouts:write").build()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aTokenWithoutThePermissionIs403() {
		getApi("/pi-edge/api/test/payouts",
				platformKeys.rs512(claims("billing", ApiTestConfiguration.START, "payments:read").build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_permission")
			.jsonPath("$.missing_permission")
			.isEqualTo("payouts:read");
	}

	@Test
	void anExpiredTokenIs401InvalidPlatformToken() {
		String token = platformKeys.rs512(claims("billing", ApiTestConfiguration.START, "payouts:read").build());
		this.clock.advance(java.time.Duration.ofSeconds(60 + 31));

		getApi("/pi-edge/api/test/payouts", token).exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"pi-edge-api\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_platform_token")
			.jsonPath("$.detail")
			.value(String.class, detail -> assertThat(detail).contains("expired"));
	}

	@Test
	void anUnknownKidIsRefusedUntilThePlatformPublishesTheKey() throws Exception {
		RSAKey rotated = new RSAKeyGenerator(2048).keyID("platform-rsa-2").generate();
		String token = platformKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("platform-rsa-2"),
				claims("billing", ApiTestConfiguration.START, "payouts:read").build(), rotated);

		getApi("/pi-edge/api/test/payouts", token).exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_platform_token");

		platform.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(new JWKSet(List.<JWK>of(platformKeys.rsa().toPublicJWK(), rotated.toPublicJWK())).toString())));
		getApi("/pi-edge/api/test/payouts", token).exchange().expectStatus().isOk();
	}

	@Test
	void anUnreachableKeySetIs503ForTokensButNotForApiKeys() throws Exception {
		CreatedKey key = createKey("unaffected", "payouts:read");
		RSAKey unknown = new RSAKeyGenerator(2048).keyID("platform-rsa-unknown").generate();
		String token = platformKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("platform-rsa-unknown"),
				claims("billing", ApiTestConfiguration.START, "payouts:read").build(), unknown);
		platform.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(500)));

		getApi("/pi-edge/api/test/payouts", token).exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("platform_keys_unavailable");
		assertThat(platform.findAll(getRequestedFor(urlEqualTo(JWKS_PATH)))).isNotEmpty();
		getApi("/pi-edge/api/test/payouts", key.key()).exchange().expectStatus().isOk();
	}

}
