package dev.piedge.sidecar;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Plays auth-proxy's signing side: an EC key published as a JWKS, and
 * {@code X-Pi-Identity} assertions.
 */
public final class TestIdentities {

	private final ECKey key;

	private TestIdentities(ECKey key) {
		this.key = key;
	}

	public static TestIdentities generate(String keyId) {
		try {
			return new TestIdentities(new ECKeyGenerator(Curve.P_256).keyID(keyId).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String jwksJson() {
		return new JWKSet(this.key.toPublicJWK()).toString();
	}

	/** A valid assertion for this uid, as the proxy's payments route would send it. */
	public String assertionFor(String uid) {
		return sign(uid, "payments", Instant.now().plusSeconds(60));
	}

	public String sign(String uid, String audience, Instant expiry) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("pi-edge")
			.subject(uid)
			.audience(List.of(audience))
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(expiry))
			.claim("username", "user-" + uid)
			.claim("scopes", List.of("payments"))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
