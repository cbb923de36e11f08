package dev.piedge.proxy.assertion;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.proxy.token.PiAuthProperties;
import dev.piedge.proxy.token.VerifiedIdentity;

import org.springframework.stereotype.Service;

/**
 * Signs {@code X-Pi-Identity}: a short-lived ES256 JWT ({@code sub}=uid,
 * {@code username}, {@code scopes}, {@code iat}, {@code exp}, {@code aud}=route id) that
 * lets a backend or the sidecar check that an identity came from this proxy. A signature
 * is reused for half its lifetime, so cached tokens cost no signing.
 */
@Service
public class IdentityAssertionService {

	private final ECKey key;

	private final JWSSigner signer;

	private final PiAuthProperties.Assertion properties;

	private final Clock clock;

	private final Cache<AssertionKey, String> signed;

	public IdentityAssertionService(ECKey identitySigningKey, PiAuthProperties properties, Clock clock) {
		this.key = identitySigningKey;
		this.properties = properties.assertion();
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(identitySigningKey);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("The identity signing key cannot sign ES256", ex);
		}
		this.signed = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(properties.cache().maxSize())
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(this.properties.ttl().dividedBy(2))
			.build();
	}

	public boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * The assertion for this identity on this route, never outliving the token itself.
	 */
	public String assertionFor(VerifiedIdentity identity, String routeId) {
		return this.signed.get(new AssertionKey(identity, routeId), this::sign);
	}

	/**
	 * The public half of the signing key, as published at {@code /.well-known/jwks.json}.
	 */
	public JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

	private String sign(AssertionKey assertion) {
		VerifiedIdentity identity = assertion.identity();
		Instant now = this.clock.instant();
		Instant expiry = now.plus(this.properties.ttl());
		if (identity.validUntil().isBefore(expiry)) {
			expiry = identity.validUntil();
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(identity.uid())
			.audience(assertion.routeId())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiry))
			.claim("scopes", List.copyOf(identity.scopes()));
		if (identity.username() != null) {
			claims.claim("username", identity.username());
		}
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing X-Pi-Identity failed", ex);
		}
		return jwt.serialize();
	}

	private record AssertionKey(VerifiedIdentity identity, String routeId) {
	}

}
