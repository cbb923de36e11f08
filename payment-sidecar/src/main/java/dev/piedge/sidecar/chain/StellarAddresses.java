package dev.piedge.sidecar.chain;

import org.stellar.sdk.StrKey;

/**
 * Checks of account ids ({@code G...} strkeys) before they reach the SDK or a URL.
 */
final class StellarAddresses {

	private StellarAddresses() {
	}

	/**
	 * Tells whether a text is an ed25519 account id: {@code G}, 55 base32 characters and
	 * a valid checksum.
	 * @param text the text, possibly null
	 * @return true for a valid account id
	 */
	static boolean isAccountId(String text) {
		if (text == null || text.length() != 56 || text.charAt(0) != 'G') {
			return false;
		}
		try {
			StrKey.decodeEd25519PublicKey(text);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
