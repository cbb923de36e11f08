package dev.piedge.proxy.assertion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
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
import dev.piedge.proxy.token.PiAuthProperties;
import dev.piedge.proxy.token.VerifiedIdentity;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import org.springframework.stereotype.Service;

/**
 * Signs {@code X-Pi-Identity}: a short-lived ES256 JWT ({@code iss}, {@code sub}=uid,
 * {@code aud}=route id, {@code iat}, {@code exp}, {@code scopes}, {@code username}) that
 * lets a backend or the sidecar check that an identity came from this proxy. A signature
 * is reused for half its lifetime, so cached tokens cost no signing (an ES256 signature
 * costs about 0.6 ms of CPU here, three times a whole proxied request).
 * <p>
 * The cache keeps only the signature and its two times, not the JWT: the header is the
 * same for every assertion and the claims follow from the identity and the route, so each
 * request writes them again, byte for byte as they were signed. That costs about 0.5 µs
 * and 2 KB of garbage per request (45 ns and 24 bytes before), and saves about 300 bytes
 * per cached assertion: with one per active identity, up to 100,000, 30 MB of heap (issue
 * 16's memory target; bench/RESULTS.md, session 10).
 */
@Service
public class IdentityAssertionService {

	private static final JsonFactory JSON = new JsonFactory();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final ECKey key;

	private final JWSSigner signer;

	private final JWSHeader header;

	/** The encoded header and its dot, the start of every assertion. */
	private final String headerPrefix;

	private final PiAuthProperties.Assertion properties;

	private final Clock clock;

	private final Cache<AssertionKey, Signature> signed;

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
		this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(identitySigningKey.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		this.headerPrefix = this.header.toBase64URL() + ".";
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
		Signature signature = this.signed.get(new AssertionKey(identity, routeId), this::sign);
		return this.headerPrefix + claims(identity, routeId, signature.issuedAt(), signature.expiresAt()) + "."
				+ BASE64URL.encodeToString(signature.value());
	}

	/**
	 * The public half of the signing key, as published at {@code /.well-known/jwks.json}.
	 */
	public JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

	private Signature sign(AssertionKey assertion) {
		VerifiedIdentity identity = assertion.identity();
		Instant now = this.clock.instant();
		Instant expiry = now.plus(this.properties.ttl());
		if (identity.validUntil().isBefore(expiry)) {
			expiry = identity.validUntil();
		}
		long issuedAt = now.getEpochSecond();
		long expiresAt = expiry.getEpochSecond();
		String signingInput = this.headerPrefix + claims(identity, assertion.routeId(), issuedAt, expiresAt);
		try {
			byte[] value = this.signer.sign(this.header, signingInput.getBytes(StandardCharsets.US_ASCII)).decode();
			return new Signature(issuedAt, expiresAt, value);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing X-Pi-Identity failed", ex);
		}
	}

	/**
	 * The encoded claims. The same identity, route and times always give the same bytes
	 * (fixed order, scopes sorted), which is what lets the cache keep only the signature.
	 */
	private String claims(VerifiedIdentity identity, String routeId, long issuedAt, long expiresAt) {
		ByteArrayOutputStream json = new ByteArrayOutputStream(256);
		try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), json)) {
			out.writeStartObject();
			out.writeStringProperty("iss", this.properties.issuer());
			out.writeStringProperty("sub", identity.uid());
			out.writeStringProperty("aud", routeId);
			out.writeNumberProperty("iat", issuedAt);
			out.writeNumberProperty("exp", expiresAt);
			out.writeArrayPropertyStart("scopes");
			String[] scopes = identity.scopes().toArray(String[]::new);
			Arrays.sort(scopes);
			for (String scope : scopes) {
				out.writeString(scope);
			}
			out.writeEndArray();
			if (identity.username() != null) {
				out.writeStringProperty("username", identity.username());
			}
			out.writeEndObject();
		}
		return BASE64URL.encodeToString(json.toByteArray());
	}

	private record AssertionKey(VerifiedIdentity identity, String routeId) {
	}

	/**
	 * What is kept per assertion.
	 *
	 * @param issuedAt {@code iat}, epoch seconds
	 * @param expiresAt {@code exp}, epoch seconds
	 * @param value the ES256 signature (R and S, 64 bytes)
	 */
	private record Signature(long issuedAt, long expiresAt, byte[] value) {
	}

}
