package dev.piedge.pi.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What may be logged of a secret (an API key, a webhook secret): the first 12 hex digits
 * of its SHA-256. Enough to tell two configured secrets apart, useless for recovering or
 * forging one.
 *
 * @param hex the 12 hex digits
 */
public record SecretFingerprint(String hex) {

	public static SecretFingerprint of(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return new SecretFingerprint(HexFormat.of().formatHex(digest).substring(0, 12));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "sha256:" + this.hex;
	}

}
