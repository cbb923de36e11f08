package dev.piedge.sidecar.chain;

import java.util.regex.Pattern;

/**
 * The configured seed is not the seed of the app wallet Pi pays from: Pi names another
 * address as the app's wallet (a payment's {@code from_address}). Payouts signed with it
 * would be refused or, worse, paid from the wrong account, so none is signed.
 */
public final class WalletMismatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Addresses are public; anything else Pi sent is not quoted. */
	private static final Pattern ADDRESS = Pattern.compile("G[A-Z2-7]{55}");

	private WalletMismatchException(String message) {
		super(message);
	}

	/**
	 * The seed's address differs from the one Pi reports.
	 * @param walletAddress the address of the configured seed
	 * @param piAppAddress the app wallet address Pi reports
	 * @return the exception
	 */
	public static WalletMismatchException of(String walletAddress, String piAppAddress) {
		String reported = (piAppAddress != null && ADDRESS.matcher(piAppAddress).matches()) ? piAppAddress
				: "no valid address";
		return new WalletMismatchException("The configured wallet seed is for " + walletAddress
				+ ", but Pi reports the app wallet " + reported + ": set PI_WALLET_SEED (or " + WalletProperties.PREFIX
				+ "seed-file) to the seed of the wallet registered for this app in the " + "Pi Developer Portal");
	}

}
