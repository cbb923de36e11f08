package dev.piedge.proxy.assertion;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityAssertionIntegrationTests extends GatewayIntegrationTestSupport {

	@Test
	void signsTheIdentityWithAKeyPublishedAtJwks() throws Exception {
		piKnows("jwt-token", "uid-jwt", "jules", List.of("username", "payments"), Duration.ofHours(1));

		this.client.get()
			.uri("/pay/checkout")
			.header("Authorization", "Bearer jwt-token")
			.exchange()
			.expectStatus()
			.isOk();
		SignedJWT jwt = SignedJWT.parse(backendRequests().get(0).getHeader("X-Pi-Identity"));

		String jwks = this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JWKSet keys = JWKSet.parse(jwks);
		assertThat(keys.getKeys()).allMatch(key -> !key.isPrivate());
		ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();

		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(claims.getSubject()).isEqualTo("uid-jwt");
		assertThat(claims.getStringClaim("username")).isEqualTo("jules");
		assertThat(claims.getStringListClaim("scopes")).containsExactlyInAnyOrder("username", "payments");
		assertThat(claims.getAudience()).containsExactly("payments");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(this.clock.instant());
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void neverOutlivesTheToken() throws Exception {
		piKnows("brief-token", "uid-brief", null, List.of(), Duration.ofSeconds(20));

		this.client.get().uri("/orders").header("Authorization", "Bearer brief-token").exchange().expectStatus().isOk();
		JWTClaimsSet claims = SignedJWT.parse(backendRequests().get(0).getHeader("X-Pi-Identity")).getJWTClaimsSet();

		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(this.clock.instant().plusSeconds(20));
		assertThat(claims.getClaim("username")).isNull();
		assertThat(claims.getAudience()).containsExactly("catch-all");
	}

	@Test
	void jwksCannotBeShadowedByTheCatchAllRoute() {
		this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keys[0].kty")
			.isEqualTo("EC")
			.jsonPath("$.keys[0].d")
			.doesNotExist();
		assertThat(backendRequests()).isEmpty();
	}

}
