package dev.piedge.sandbox.payment;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * Makes payment identifiers and txids shaped like Pi's. They only need to be unique in
 * one sandbox run, not unguessable, so a non-blocking random source is enough.
 */
@Component
class IdentifierGenerator {

	private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/** 28 alphanumerics, like {@code jGCjzZqgg78B6Pf1wzYHFSBTqNIv}. */
	String paymentIdentifier() {
		return random(ALPHANUMERIC, 28);
	}

	/** 64 lowercase hex digits, like a Stellar transaction hash. */
	String txid() {
		return random(HEX, 64);
	}

	private static String random(char[] alphabet, int length) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = alphabet[random.nextInt(alphabet.length)];
		}
		return new String(chars);
	}

}
