package dev.piedge.proxy.session;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.token.VerifiedIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Seals and opens session cookies: a JWE with direct encryption ({@code dir}) and
 * AES-256-GCM, which is authenticated, so a changed byte fails to open. The key ring
 * ({@code pi.browser.session.keys}) lets keys rotate: the first key seals, every key
 * opens (chosen by the JWE's {@code kid}), so every instance sharing the ring reads every
 * other instance's cookies and nobody is signed out when a new key goes in front.
 */
@Component
class SessionKeyRing {

	private static final Logger log = LoggerFactory.getLogger(SessionKeyRing.class);

	private static final String TOKEN = "tok";

	private static final String USERNAME = "usr";

	private static final String SCOPES = "scp";

	private static final String TOKEN_VALID_UNTIL = "tvu";

	private static final String CHECKED = "chk";

	private final String sealingKeyId;

	private final DirectEncrypter encrypter;

	private final Map<String, DirectDecrypter> decrypters;

	SessionKeyRing(BrowserProperties properties) {
		List<BrowserProperties.Key> configured = properties.session().keys();
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		if (configured.isEmpty()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String id = "ephemeral-" + UUID.randomUUID();
			keys.put(id, new SecretKeySpec(random, "AES"));
			log.warn(
					"No pi.browser.session.keys set: sealing session cookies with an ephemeral key ({}). Every "
							+ "restart signs every browser out, and proxy instances do not read each other's cookies.",
					id);
		}
		for (BrowserProperties.Key key : configured) {
			keys.put(key.id(), new SecretKeySpec(key.bytes(), "AES"));
		}
		try {
			Map.Entry<String, SecretKey> first = keys.entrySet().iterator().next();
			this.sealingKeyId = first.getKey();
			this.encrypter = new DirectEncrypter(first.getValue());
			Map<String, DirectDecrypter> decrypters = new LinkedHashMap<>();
			for (Map.Entry<String, SecretKey> entry : keys.entrySet()) {
				decrypters.put(entry.getKey(), new DirectDecrypter(entry.getValue()));
			}
			this.decrypters = Map.copyOf(decrypters);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("pi.browser.session.keys: cannot use a key for AES-256-GCM", ex);
		}
	}

	/** The session as a cookie value, sealed with the ring's first key. */
	String seal(BrowserSession session) {
		VerifiedIdentity identity = session.identity();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(identity.uid())
			.claim(USERNAME, identity.username())
			.claim(SCOPES, List.copyOf(identity.scopes()))
			.claim(TOKEN, session.token())
			.claim(TOKEN_VALID_UNTIL, identity.validUntil().getEpochSecond())
			.issueTime(Date.from(session.created()))
			.expirationTime(Date.from(session.until()))
			.claim(CHECKED, session.checked().getEpochSecond())
			.build();
		JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(this.sealingKeyId)
			.build();
		EncryptedJWT jwt = new EncryptedJWT(header, claims);
		try {
			jwt.encrypt(this.encrypter);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot seal a session cookie", ex);
		}
		return jwt.serialize();
	}

	/**
	 * The session a cookie value holds; empty when it was not sealed by a key of the
	 * ring, was changed, or is not a session at all. Its lifetime is checked by the
	 * caller.
	 */
	Optional<BrowserSession> open(String value) {
		try {
			EncryptedJWT jwt = EncryptedJWT.parse(value);
			JWEHeader header = jwt.getHeader();
			DirectDecrypter decrypter = (header.getKeyID() != null) ? this.decrypters.get(header.getKeyID()) : null;
			if (decrypter == null || !JWEAlgorithm.DIR.equals(header.getAlgorithm())
					|| !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
					|| header.getCompressionAlgorithm() != null) {
				return Optional.empty();
			}
			jwt.decrypt(decrypter);
			if (jwt.getState() != JWEObject.State.DECRYPTED) {
				return Optional.empty();
			}
			return session(jwt.getJWTClaimsSet());
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			// A tampered, truncated or foreign cookie is simply no session.
			return Optional.empty();
		}
	}

	private static Optional<BrowserSession> session(JWTClaimsSet claims) throws ParseException {
		String uid = claims.getSubject();
		String token = claims.getStringClaim(TOKEN);
		Long tokenValidUntil = claims.getLongClaim(TOKEN_VALID_UNTIL);
		Long checked = claims.getLongClaim(CHECKED);
		Date created = claims.getIssueTime();
		Date until = claims.getExpirationTime();
		if (uid == null || token == null || tokenValidUntil == null || checked == null || created == null
				|| until == null) {
			return Optional.empty();
		}
		List<String> scopes = claims.getStringListClaim(SCOPES);
		Set<String> scopeSet = (scopes != null) ? new HashSet<>(scopes) : Set.of();
		VerifiedIdentity identity = new VerifiedIdentity(uid, claims.getStringClaim(USERNAME), scopeSet,
				Instant.ofEpochSecond(tokenValidUntil));
		return Optional.of(new BrowserSession(token, identity, created.toInstant(), until.toInstant(),
				Instant.ofEpochSecond(checked)));
	}

}
