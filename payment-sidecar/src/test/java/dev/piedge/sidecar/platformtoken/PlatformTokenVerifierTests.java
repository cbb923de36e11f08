package dev.piedge.sidecar.platformtoken;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.sidecar.api.ApiPrincipal;
import dev.piedge.sidecar.api.Permission;
import dev.piedge.sidecar.api.TestPlatformKeys;
import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static dev.piedge.sidecar.api.TestPlatformKeys.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule a platform token must pass, against a verifier with one configured key (the
 * JWK Set variant runs in {@code PlatformTokenIntegrationTests}).
 */
class PlatformTokenVerifierTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final TestPlatformKeys keys = TestPlatformKeys.generate("rsa-1", "ec-1");

	private final MutableClock clock = new MutableClock(NOW);

	private final PlatformTokenVerifier pemVerifier = verifier(pem(keys.rsa()), null);

	@Test
	void acceptsAnRs512TokenSignedByThePemKeyAndIgnoresUnknownPermissions() {
		String token = keys.rs512(claims("billing", NOW, "payouts:write", "refunds:write").build());

		assertThat(this.pemVerifier.accepts(token)).isTrue();
		StepVerifier.create(this.pemVerifier.verify(token))
			.assertNext(principal -> assertThat(principal)
				.isEqualTo(ApiPrincipal.platform("billing", java.util.Set.of(Permission.PAYOUTS_WRITE))))
			.verifyComplete();
	}

	@Test
	void aKeyWithoutKidVerifiesTokensWhateverTheirKid() {
		JWTClaimsSet claims = claims("billing", NOW, "payouts:read").build();

		assertVerified(this.pemVerifier, keys.sign(new JWSHeader.Builder(JWSAlgorithm.RS512), claims, keys.rsa()));
		assertVerified(this.pemVerifier,
				keys.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("any"), claims, keys.rsa()));
	}

	@Test
	void acceptsAnEs256TokenForAJwkWithItsKidAndRefusesAnUnknownKid() {
		PlatformTokenVerifier verifier = verifier(keys.ec().toPublicJWK().toJSONString(), null);
		JWTClaimsSet claims = claims("billing", NOW, "payouts:read").build();

		assertVerified(verifier, keys.es256(claims));
		assertRefused(verifier, keys.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-2"), claims, keys.ec()),
				"unknown kid");
	}

	@Test
	void refusesAnUnsignedToken() {
		String none = new PlainJWT(claims("billing", NOW, "payouts:write").build()).serialize();

		assertThat(this.pemVerifier.accepts(none)).isTrue();
		assertRefused(this.pemVerifier, none, "RS512 or ES256");
	}

	@Test
	void refusesHmacSignedWithThePublicKeyAndOtherAlgorithms() throws JOSEException {
		JWTClaimsSet claims = claims("billing", NOW, "payouts:write").build();
		// The classic confusion: the public key, which anyone may hold, used as an HMAC
		// secret.
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
		hmac.sign(new MACSigner(keys.rsa().toRSAPublicKey().getEncoded()));

		assertRefused(this.pemVerifier, hmac.serialize(), "RS512 or ES256");
		assertRefused(this.pemVerifier, keys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256), claims, keys.rsa()),
				"RS512 or ES256");
	}

	@Test
	void refusesATokenSignedByAnotherKey() throws JOSEException {
		RSAKey other = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

		assertRefused(this.pemVerifier, keys.sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1"),
				claims("billing", NOW, "payouts:write").build(), other), "bad signature");
	}

	@Test
	void refusesAnExpiredTokenBeyondTheClockSkewOnly() {
		String token = keys.rs512("billing", NOW.minusSeconds(60), claims -> {
		}, "payouts:read");

		// exp was NOW; 30 s of skew keep it valid until NOW + 30 s.
		this.clock.set(NOW.plusSeconds(30));
		assertVerified(this.pemVerifier, token);
		this.clock.set(NOW.plusSeconds(31));
		assertRefused(this.pemVerifier, token, "expired");
	}

	@Test
	void refusesATokenIssuedInTheFuture() {
		assertRefused(this.pemVerifier, keys.rs512("billing", NOW.plusSeconds(31), claims -> {
		}, "payouts:read"), "iat is in the future");
		assertVerified(this.pemVerifier, keys.rs512("billing", NOW.plusSeconds(30), claims -> {
		}, "payouts:read"));
	}

	@Test
	void refusesALifetimeOverTheMaximum() {
		assertRefused(this.pemVerifier,
				keys.rs512("billing", NOW,
						claims -> claims.expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1))),
						"payouts:read"),
				"lives longer");
		assertVerified(this.pemVerifier, keys.rs512("billing", NOW,
				claims -> claims.expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5)))), "payouts:read"));
	}

	@Test
	void refusesATokenMissingAClaim() {
		assertRefused(this.pemVerifier, keys.rs512("billing", NOW, claims -> claims.subject(null), "payouts:read"),
				"sub");
		assertRefused(this.pemVerifier, keys.rs512("billing", NOW, claims -> claims.issueTime(null), "payouts:read"),
				"iat and exp");
		assertRefused(this.pemVerifier,
				keys.rs512("billing", NOW, claims -> claims.expirationTime(null), "payouts:read"), "exp");
		assertRefused(this.pemVerifier,
				keys.rs512("billing", NOW, claims -> claims.claim("permissions", null), "payouts:read"), "permissions");
		assertRefused(this.pemVerifier,
				keys.rs512("billing", NOW, claims -> claims.claim("permissions", "payouts:read"), "payouts:read"),
				"permissions");
		assertRefused(this.pemVerifier,
				keys.rs512("billing", NOW, claims -> claims.claim("permissions", List.of(1, 2)), "payouts:read"),
				"permissions");
	}

	@Test
	void requiresTheConfiguredAudience() {
		PlatformTokenVerifier verifier = verifier(pem(keys.rsa()), "pi-edge-payouts");

		assertRefused(verifier, keys.rs512("billing", NOW, claims -> {
		}, "payouts:read"), "aud");
		assertRefused(verifier, keys.rs512("billing", NOW, claims -> claims.audience("elsewhere"), "payouts:read"),
				"aud");
		assertVerified(verifier, keys.rs512("billing", NOW,
				claims -> claims.audience(List.of("elsewhere", "pi-edge-payouts")), "payouts:read"));
	}

	@Test
	void refusesEveryPlatformTokenWhenNoKeyIsConfigured() {
		PlatformTokenVerifier verifier = new PlatformTokenVerifier(
				new PlatformTokenProperties(null, null, null, Duration.ofMinutes(5), Duration.ofSeconds(30)),
				this.clock);

		assertRefused(verifier, keys.rs512(claims("billing", NOW, "payouts:read").build()), "not accepted here");
	}

	@Test
	void takesOnlyCredentialsShapedLikeAJws() {
		assertThat(this.pemVerifier.accepts("pek_abcdefghij12_secret")).isFalse();
		assertThat(this.pemVerifier.accepts("a.b")).isFalse();
		assertThat(this.pemVerifier.accepts("a.b.c.d")).isFalse();
		assertThat(this.pemVerifier.accepts("a.b.c")).isTrue();
	}

	private PlatformTokenVerifier verifier(String publicKey, String audience) {
		return new PlatformTokenVerifier(
				new PlatformTokenProperties(null, publicKey, audience, Duration.ofMinutes(5), Duration.ofSeconds(30)),
				this.clock);
	}

	static String pem(RSAKey key) {
		try {
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.toRSAPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertVerified(PlatformTokenVerifier verifier, String token) {
		StepVerifier.create(verifier.verify(token))
			.assertNext(principal -> assertThat(principal.id()).isEqualTo("platform:billing"))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	private static void assertRefused(PlatformTokenVerifier verifier, String token, String detail) {
		StepVerifier.create(verifier.verify(token))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidPlatformTokenException.class)
				.hasMessageContaining(detail)
				.satisfies(ex -> assertThat(((InvalidPlatformTokenException) ex).code())
					.isEqualTo("invalid_platform_token")))
			.verify(Duration.ofSeconds(10));
	}

}
