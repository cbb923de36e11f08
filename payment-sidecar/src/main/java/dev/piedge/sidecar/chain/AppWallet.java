package dev.piedge.sidecar.chain;

import java.util.Arrays;

import org.stellar.sdk.KeyPair;
import org.stellar.sdk.StrKey;

/**
 * The app's own wallet, which payouts are paid from and signed with: its key pair, from
 * the configured seed, or nothing when no seed is configured (then the sidecar runs, and
 * only signing is refused with {@link WalletNotConfiguredException}).
 *
 * <p>
 * The seed never leaves this package: other packages see the public {@link #address()},
 * and {@link #toString()} prints nothing else.
 */
public final class AppWallet {

	/** {@code S}, then 55 base32 characters (RFC 4648 alphabet, upper case). */
	static final int SEED_LENGTH = 56;

	private static final AppWallet NOT_CONFIGURED = new AppWallet(null);

	private final KeyPair keyPair;

	private AppWallet(KeyPair keyPair) {
		this.keyPair = keyPair;
	}

	/**
	 * A sidecar without a wallet: nothing can be signed.
	 * @return the wallet
	 */
	static AppWallet notConfigured() {
		return NOT_CONFIGURED;
	}

	/**
	 * Opens the wallet of a secret seed.
	 * @param seed the seed's characters; zeroed when this returns
	 * @param source names where the seed came from in an error, such as
	 * {@code pi.payouts.wallet.seed}; the seed itself is never quoted
	 * @return the wallet
	 * @throws IllegalArgumentException if it is not a valid Stellar secret seed
	 */
	static AppWallet fromSeed(char[] seed, String source) {
		try {
			if (seed.length == SEED_LENGTH && seed[0] == 'G') {
				throw new IllegalArgumentException(source + " holds an account address (G...), not its secret "
						+ "seed: use the wallet's secret seed, which starts with S");
			}
			if (seed.length != SEED_LENGTH || seed[0] != 'S') {
				throw new IllegalArgumentException(source + " must be a Stellar secret seed: S and 55 more "
						+ "characters, 56 in all (the value is not shown)");
			}
			try {
				StrKey.decodeEd25519SecretSeed(seed);
				return new AppWallet(KeyPair.fromSecretSeed(seed));
			}
			catch (RuntimeException ex) {
				// The SDK's message is not passed on, in case it ever quotes its input.
				throw new IllegalArgumentException(source + " is not a valid Stellar secret seed (bad characters or "
						+ "checksum; the value is not shown)");
			}
		}
		finally {
			Arrays.fill(seed, '\0');
		}
	}

	/**
	 * Tells whether a seed is configured, so payouts can be signed.
	 * @return true with a seed
	 */
	public boolean isConfigured() {
		return this.keyPair != null;
	}

	/**
	 * Returns the wallet's public address, the account payouts are paid from.
	 * @return the {@code G...} account id
	 * @throws WalletNotConfiguredException without a seed
	 */
	public String address() {
		return keyPair().getAccountId();
	}

	/**
	 * Checks that this is the wallet Pi pays the app's payouts from: the address Pi
	 * reports for the app wallet (a payment's {@code from_address}) must be this
	 * wallet's. The payout worker calls it before it signs anything.
	 * @param piAppAddress the app wallet address Pi reports
	 * @throws WalletMismatchException if Pi names another address
	 * @throws WalletNotConfiguredException without a seed
	 */
	public void checkPiAppAddress(String piAppAddress) {
		String address = address();
		if (!address.equals(piAppAddress)) {
			throw WalletMismatchException.of(address, piAppAddress);
		}
	}

	/** The key pair, for signing in this package only. */
	KeyPair keyPair() {
		if (this.keyPair == null) {
			throw WalletNotConfiguredException.noSeed();
		}
		return this.keyPair;
	}

	/** The address only: the seed is never printed. */
	@Override
	public String toString() {
		return isConfigured() ? "AppWallet[address=" + address() + ", seed=[redacted]]" : "AppWallet[not configured]";
	}

}
