package dev.piedge.demo.shop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Pi-Edge-Signature: t=<unix seconds>,v1=<hex>} header, the README's
 * scheme: {@code v1} is {@code HMAC-SHA256(secret, t + "." + raw body)}; any of several
 * {@code v1} may match (a secret rotation); one {@code t} only.
 */
final class WebhookSignature {

	private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");

	private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

	enum Verdict {

		VALID, INVALID, STALE

	}

	private WebhookSignature() {
	}

	static Verdict verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
		if (header == null || secret.isBlank()) {
			return Verdict.INVALID;
		}
		String timestamp = null;
		int timestamps = 0;
		List<String> signatures = new ArrayList<>();
		for (String part : header.split(",")) {
			String[] pair = part.trim().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t")) {
				timestamp = pair[1];
				timestamps++;
			}
			if (pair.length == 2 && pair[0].equals("v1")) {
				signatures.add(pair[1]);
			}
		}
		// A second t= makes the header invalid rather than letting either value win.
		if (timestamps != 1 || !TIMESTAMP.matcher(timestamp).matches() || signatures.isEmpty()) {
			return Verdict.INVALID;
		}
		byte[] expected = hmac(secret, timestamp, body);
		boolean matches = false;
		for (String signature : signatures) {
			matches |= SIGNATURE.matcher(signature).matches()
					&& MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
		}
		if (!matches) {
			return Verdict.INVALID;
		}
		long age = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
		return (age > tolerance.toSeconds()) ? Verdict.STALE : Verdict.VALID;
	}

	private static byte[] hmac(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			// Every JDK has HmacSHA256; a failure here is a broken runtime.
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
