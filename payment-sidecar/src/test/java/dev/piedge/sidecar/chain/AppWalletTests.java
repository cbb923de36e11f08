package dev.piedge.sidecar.chain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AppWalletTests {

	@Test
	void opensTheWalletOfASeedAndShowsOnlyItsAddress() {
		AppWallet wallet = TestWallets.appWallet();

		assertThat(wallet.isConfigured()).isTrue();
		assertThat(wallet.address()).isEqualTo(TestWallets.APP_ADDRESS);
		assertThat(wallet.toString()).isEqualTo("AppWallet[address=" + TestWallets.APP_ADDRESS + ", seed=[redacted]]")
			.doesNotContain(TestWallets.APP_SEED);
	}

	@Test
	void zeroesTheSeedItWasGiven() {
		char[] seed = TestWallets.APP_SEED.toCharArray();

		AppWallet.fromSeed(seed, "test");

		assertThat(seed).containsOnly('\0');
	}

	@Test
	void refusesAnInvalidSeedWithoutQuotingIt() {
		String badChecksum = TestWallets.APP_SEED.substring(0, 55) + (TestWallets.APP_SEED.endsWith("A") ? "B" : "A");
		String lowerCase = TestWallets.APP_SEED.toLowerCase();
		for (String seed : new String[] { badChecksum, lowerCase.replaceFirst("s", "S") }) {
			assertThatIllegalArgumentException().isThrownBy(() -> AppWallet.fromSeed(seed.toCharArray(), "the key"))
				.withMessage("the key is not a valid Stellar secret seed (bad characters or checksum; the value is "
						+ "not shown)")
				.withNoCause();
		}
		for (String seed : new String[] { "", "S", TestWallets.APP_SEED + "A", TestWallets.APP_SEED.substring(1),
				"X" + TestWallets.APP_SEED.substring(1) }) {
			assertThatIllegalArgumentException().isThrownBy(() -> AppWallet.fromSeed(seed.toCharArray(), "the key"))
				.withMessage("the key must be a Stellar secret seed: S and 55 more characters, 56 in all (the value "
						+ "is not shown)");
		}
	}

	@Test
	void saysSoWhenGivenTheAddressInsteadOfTheSeed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AppWallet.fromSeed(TestWallets.APP_ADDRESS.toCharArray(), "the key"))
			.withMessage("the key holds an account address (G...), not its secret seed: use the wallet's secret "
					+ "seed, which starts with S");
	}

	@Test
	void acceptsTheAppWalletAddressPiReports() {
		assertThatNoException().isThrownBy(() -> TestWallets.appWallet().checkPiAppAddress(TestWallets.APP_ADDRESS));
	}

	@Test
	void refusesAnotherAppWalletAddressWithBothAddresses() {
		assertThatExceptionOfType(WalletMismatchException.class)
			.isThrownBy(() -> TestWallets.appWallet().checkPiAppAddress(TestWallets.OTHER_ADDRESS))
			.withMessage("The configured wallet seed is for " + TestWallets.APP_ADDRESS + ", but Pi reports the app "
					+ "wallet " + TestWallets.OTHER_ADDRESS + ": set PI_WALLET_SEED (or pi.payouts.wallet.seed-file) "
					+ "to the seed of the wallet registered for this app in the Pi Developer Portal");
	}

	@Test
	void quotesNothingButAnAddressFromPi() {
		for (String reported : new String[] { null, "", "GFROM", "G<script>" + "A".repeat(46) }) {
			assertThatExceptionOfType(WalletMismatchException.class)
				.isThrownBy(() -> TestWallets.appWallet().checkPiAppAddress(reported))
				.withMessageContaining("but Pi reports the app wallet no valid address:");
		}
	}

	@Test
	void withoutASeedRunsButCannotSignOrNameAnAddress() {
		AppWallet wallet = AppWallet.notConfigured();

		assertThat(wallet.isConfigured()).isFalse();
		assertThat(wallet).hasToString("AppWallet[not configured]");
		assertThatExceptionOfType(WalletNotConfiguredException.class).isThrownBy(wallet::address)
			.withMessage("The app wallet's seed is not configured, so payouts cannot be signed: set PI_WALLET_SEED "
					+ "or pi.payouts.wallet.seed-file and restart");
		assertThatExceptionOfType(WalletNotConfiguredException.class)
			.isThrownBy(() -> wallet.checkPiAppAddress(TestWallets.APP_ADDRESS));
	}

}
