package dev.piedge.proxy.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an access token: the only form in which a token is kept, as a cache key.
 */
record TokenHash(String hex) {

	static TokenHash of(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return new TokenHash(HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenHash[" + this.hex.substring(0, 12) + "…]";
	}

}
