package dev.piedge.proxy.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an access token: the only form in which a token is kept, as a cache key.
 * Held as four longs rather than a hex string, so the lookup on every request allocates
 * and compares as little as possible.
 */
record TokenHash(long w0, long w1, long w2, long w3) {

	private static final MessageDigest PROTOTYPE = sha256();

	static TokenHash of(String token) {
		ByteBuffer digest = ByteBuffer.wrap(newDigest().digest(token.getBytes(StandardCharsets.UTF_8)));
		return new TokenHash(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
	}

	/**
	 * The first six bytes in hex: enough to tell entries apart in a log, useless for
	 * finding the token.
	 */
	@Override
	public String toString() {
		return "TokenHash[" + HexFormat.of().toHexDigits(this.w0).substring(0, 12) + "…]";
	}

	/**
	 * Cloning a digest skips the provider lookup that {@code getInstance} repeats on
	 * every call.
	 */
	private static MessageDigest newDigest() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return sha256();
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

}
