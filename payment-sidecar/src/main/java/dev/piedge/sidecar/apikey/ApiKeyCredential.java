package dev.piedge.sidecar.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend API key as callers hold it: {@code pek_<id>_<secret>}. The id is public (it
 * names the key in lists and logs); the secret is {@value #SECRET_BYTES} random bytes in
 * base64url, and pi-edge keeps only its SHA-256. Never printed: {@link #toString()} shows
 * the id alone.
 *
 * @param id twelve lower-case letters and digits
 * @param secret the random part
 */
record ApiKeyCredential(String id, String secret) {

	static final String PREFIX = "pek_";

	static final int SECRET_BYTES = 32;

	private static final int ID_LENGTH = 12;

	private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	/** The id has no {@code _}, so the first one after it starts the secret. */
	private static final Pattern FORMAT = Pattern
		.compile("pek_([a-z0-9]{" + ID_LENGTH + "})_([A-Za-z0-9_-]{" + base64Length(SECRET_BYTES) + "})");

	/** A new key from a cryptographically strong source. */
	static ApiKeyCredential generate(SecureRandom random) {
		StringBuilder id = new StringBuilder(ID_LENGTH);
		for (int i = 0; i < ID_LENGTH; i++) {
			id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
		}
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		return new ApiKeyCredential(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
	}

	/** The key in a bearer credential; empty when it does not have the key's shape. */
	static Optional<ApiKeyCredential> parse(String credential) {
		Matcher matcher = FORMAT.matcher(credential);
		return matcher.matches() ? Optional.of(new ApiKeyCredential(matcher.group(1), matcher.group(2)))
				: Optional.empty();
	}

	/** The whole key, to show once to the operator who created it. */
	String value() {
		return PREFIX + this.id + "_" + this.secret;
	}

	/** What the database keeps instead of the secret. */
	byte[] secretSha256() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.secret.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	/**
	 * Whether this key's secret is the one whose SHA-256 is stored. The hashes are
	 * compared in constant time, so the time taken says nothing about how much of a guess
	 * was right.
	 */
	boolean matches(byte[] storedSecretSha256) {
		return MessageDigest.isEqual(secretSha256(), storedSecretSha256);
	}

	@Override
	public String toString() {
		return PREFIX + this.id + "_[redacted]";
	}

	private static int base64Length(int bytes) {
		return (bytes * 8 + 5) / 6;
	}

}
