package dev.piedge.sidecar.chain;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the app wallet's secret seed comes from ({@code pi.payouts.wallet.*}): at most
 * one of the two. Without either, the sidecar signs nothing (see {@link AppWallet}).
 *
 * <p>
 * Unlike pi-edge's other property records, this one checks no seed: checking a seed means
 * decoding it, which {@link AppWalletConfiguration} does once, after reading the file,
 * when it opens the {@link AppWallet}.
 *
 * @param seed {@code pi.payouts.wallet.seed} (env {@code PI_WALLET_SEED}): the app
 * wallet's secret seed, {@code S} and 55 more characters; never logged
 * @param seedFile {@code pi.payouts.wallet.seed-file} (env {@code PI_WALLET_SEED_FILE}):
 * a file holding the seed (surrounding whitespace ignored), for secret stores that mount
 * files
 */
@ConfigurationProperties("pi.payouts.wallet")
record WalletProperties(String seed, Path seedFile) {

	static final String PREFIX = "pi.payouts.wallet.";

	WalletProperties {
		if (seed != null && seed.isBlank()) {
			seed = null;
		}
		if (seedFile != null && seedFile.toString().isBlank()) {
			seedFile = null;
		}
	}

	/** Names the seed file but never prints the seed. */
	@Override
	public String toString() {
		return "WalletProperties[seed=" + ((this.seed != null) ? "[redacted]" : "none") + ", seedFile=" + this.seedFile
				+ "]";
	}

}
