package dev.piedge.sidecar.api;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Plays a platform that signs short-lived tokens for its services: an RSA key (RS512) and
 * an EC P-256 key (ES256), published as a JWK Set.
 */
public final class TestPlatformKeys {

	private final RSAKey rsa;

	private final ECKey ec;

	private TestPlatformKeys(RSAKey rsa, ECKey ec) {
		this.rsa = rsa;
		this.ec = ec;
	}

	public static TestPlatformKeys generate(String rsaKeyId, String ecKeyId) {
		try {
			return new TestPlatformKeys(new RSAKeyGenerator(2048).keyID(rsaKeyId).generate(),
					new ECKeyGenerator(Curve.P_256).keyID(ecKeyId).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public RSAKey rsa() {
		return this.rsa;
	}

	public ECKey ec() {
		return this.ec;
	}

	public String jwksJson() {
		return new JWKSet(List.<JWK>of(this.rsa.toPublicJWK(), this.ec.toPublicJWK())).toString();
	}

	/** Claims a well-behaved platform sends: a 60-second token issued now. */
	public static JWTClaimsSet.Builder claims(String subject, Instant now, String... permissions) {
		return new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.claim("permissions", List.of(permissions));
	}

	/** RS512 with the RSA key, under its kid. */
	public String rs512(JWTClaimsSet claims) {
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(this.rsa.getKeyID()), claims, this.rsa);
	}

	/** ES256 with the EC key, under its kid. */
	public String es256(JWTClaimsSet claims) {
		return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.ec.getKeyID()), claims, this.ec);
	}

	/** Any header the test wants, signed with the RSA key (or the EC key for ES*). */
	public String sign(JWSHeader.Builder header, JWTClaimsSet claims, JWK key) {
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		try {
			jwt.sign((key instanceof RSAKey rsaKey) ? new RSASSASigner(rsaKey) : new ECDSASigner((ECKey) key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	public String rs512(String subject, Instant now, Consumer<JWTClaimsSet.Builder> change, String... permissions) {
		JWTClaimsSet.Builder claims = claims(subject, now, permissions);
		change.accept(claims);
		return rs512(claims.build());
	}

}
