package dev.piedge.sidecar.chain;

/**
 * Something needs the app wallet, but the sidecar was started without its seed
 * ({@code pi.payouts.wallet.seed} or {@code seed-file}), so it cannot sign payouts.
 */
public final class WalletNotConfiguredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private WalletNotConfiguredException(String message) {
		super(message);
	}

	/**
	 * The sidecar has no wallet seed.
	 * @return the exception
	 */
	public static WalletNotConfiguredException noSeed() {
		return new WalletNotConfiguredException("The app wallet's seed is not configured, so payouts cannot be "
				+ "signed: set PI_WALLET_SEED or " + WalletProperties.PREFIX + "seed-file and restart");
	}

}
