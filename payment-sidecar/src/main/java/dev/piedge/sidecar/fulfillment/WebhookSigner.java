package dev.piedge.sidecar.fulfillment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes
 * {@code Pi-Edge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>},
 * the scheme Stripe uses, so backends can reuse well-known verification code.
 */
final class WebhookSigner {

	static final String HEADER = "Pi-Edge-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	WebhookSigner(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * The header value for these exact body bytes, signed at {@code timestamp} (Unix
	 * seconds).
	 */
	String sign(long timestamp, byte[] body) {
		try {
			// Mac instances are not thread-safe and are cheap to create, so each
			// signature gets its own.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

}
