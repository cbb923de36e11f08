package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellar.sdk.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxPropertiesTests {

	private static final String WALLET = SandboxProperties.DEFAULT_APP_WALLET;

	@Test
	void duplicateTokenIsRejectedNamingTheEntry() {
		List<SandboxProperties.User> users = List.of(user("t", "u1"), user("t", "u2"));

		assertThatIllegalArgumentException().isThrownBy(() -> properties(users))
			.withMessageContaining("pi.sandbox.users[1].token 't' is used by another user");
	}

	@Test
	void duplicateUidIsRejectedNamingTheEntry() {
		List<SandboxProperties.User> users = List.of(user("t1", "u"), user("t2", "u"));

		assertThatIllegalArgumentException().isThrownBy(() -> properties(users))
			.withMessageContaining("pi.sandbox.users[1].uid 'u' is used by another user");
	}

	@Test
	void duplicateUsernameIsRejectedNamingTheEntry() {
		// The SDK emulator's picker finds a user by username
		// ([data-pi-sandbox-user="<username>"]).
		List<SandboxProperties.User> users = List.of(
				new SandboxProperties.User("t1", "u1", "dan", List.of(), Duration.ofHours(1), null, null),
				new SandboxProperties.User("t2", "u2", "dan", List.of(), Duration.ofHours(1), null, null));

		assertThatIllegalArgumentException().isThrownBy(() -> properties(users))
			.withMessageContaining("pi.sandbox.users[1].username 'dan' is used by another user");
	}

	@Test
	void userNeedsExactlyOneValidity() {
		SandboxProperties.User both = new SandboxProperties.User("t", "u", "n", List.of(), Duration.ofHours(1),
				Instant.EPOCH, null);
		SandboxProperties.User neither = new SandboxProperties.User("t", "u", "n", List.of(), null, null, null);

		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(both)))
			.withMessageContaining("needs exactly one of valid-for");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(neither)))
			.withMessageContaining("needs exactly one of valid-for");
	}

	@Test
	void nonPositiveApprovalTimeoutIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", WALLET, null, Duration.ZERO, List.of(), null))
			.withMessageContaining("pi.sandbox.approval-timeout must be positive");
	}

	@Test
	void blankApiKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SandboxProperties(" ", "Pi Testnet", WALLET, null, Duration.ofSeconds(60), List.of(), null))
			.withMessage("pi.sandbox.api-key must not be blank (such as sandbox-api-key)");
	}

	@Test
	void unknownNetworkIsRejectedQuotingIt() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SandboxProperties("k", "Pi Mainnet", WALLET, null, Duration.ofSeconds(60), List.of(), null))
			.withMessage("pi.sandbox.network must be 'Pi Testnet' or 'Pi Network', was 'Pi Mainnet'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", null, WALLET, null, Duration.ofSeconds(60), List.of(), null))
			.withMessage("pi.sandbox.network must be 'Pi Testnet' or 'Pi Network', was unset");
	}

	@Test
	void appWalletThatIsNotAStellarKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SandboxProperties("k", "Pi Testnet", "GABC", null, Duration.ofSeconds(60), List.of(), null))
			.withMessage("pi.sandbox.app-wallet-address must be a Stellar public key: 'G' followed by 55 of A-Z and "
					+ "2-7, with a valid checksum, was 'GABC'");
	}

	@Test
	void appWalletWithABadChecksumIsRejected() {
		// The sandbox's address before its wallet became a real key pair: the right
		// shape without a valid checksum, so nobody could sign for it.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet",
					"GBSANDBOXAPPWALLETPIEDGEDEVXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", null, Duration.ofSeconds(60), List.of(),
					null))
			.withMessageContaining("pi.sandbox.app-wallet-address must be a Stellar public key")
			.withMessageContaining("with a valid checksum");
	}

	@Test
	void demoSeedIsTheSeedOfTheDemoAppWallet() {
		assertThat(KeyPair.fromSecretSeed(SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED).getAccountId())
			.isEqualTo(SandboxProperties.DEFAULT_APP_WALLET);
	}

	@Test
	void demoSeedOfAnotherWalletIsRejectedWithoutQuotingIt() {
		String otherWallet = "GDL6VE6PC2MEKLJMIW6ZMKBPXQFYS5D36ODXGL33BI4IUHOM2BBNAUOB";

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", otherWallet,
					SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED, Duration.ofSeconds(60), List.of(), null))
			.withMessage("pi.sandbox.app-wallet-demo-seed is not the seed of pi.sandbox.app-wallet-address "
					+ otherWallet + "; set both together, or leave the seed empty")
			.withMessageNotContaining(SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED);
	}

	@Test
	void demoSeedThatIsNotASeedIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", WALLET, "SNOTASEED", Duration.ofSeconds(60),
					List.of(), null))
			.withMessageStartingWith("pi.sandbox.app-wallet-demo-seed must be a Stellar secret seed")
			.withMessageNotContaining("SNOTASEED");
	}

	@Test
	void emptyDemoSeedIsAllowedForAnotherWallet() {
		SandboxProperties properties = new SandboxProperties("k", "Pi Testnet",
				"GDL6VE6PC2MEKLJMIW6ZMKBPXQFYS5D36ODXGL33BI4IUHOM2BBNAUOB", "", Duration.ofSeconds(60), List.of(),
				null);

		assertThat(properties.appWalletDemoSeed()).isNull();
	}

	@Test
	void settingsNeverPrintTheSeed() {
		SandboxProperties properties = new SandboxProperties("k", "Pi Testnet", WALLET,
				SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED, Duration.ofSeconds(60), List.of(), null);

		assertThat(properties.toString()).doesNotContain(SandboxProperties.DEFAULT_APP_WALLET_DEMO_SEED);
	}

	@Test
	void horizonBaseFeeDefaultsToOneHundredThousandStroopsAndMustBeAtLeastStellarsMinimum() {
		assertThat(properties(List.of()).horizon().baseFee()).isEqualTo(100_000);
		assertThatIllegalArgumentException().isThrownBy(() -> new SandboxProperties.Horizon(99))
			.withMessage("pi.sandbox.horizon.base-fee must be at least 100 stroops (Stellar's minimum), was 99");
	}

	@Test
	void missingApprovalTimeoutIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", WALLET, null, null, List.of(), null))
			.withMessage("pi.sandbox.approval-timeout must be positive, e.g. 60s; was null");
	}

	@Test
	void blankUserValuesAreRejectedNamingTheEntry() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(user("t1", "u1"), user(" ", "u2"))))
			.withMessageStartingWith("pi.sandbox.users[1].token must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(user("t", ""))))
			.withMessageStartingWith("pi.sandbox.users[0].uid must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(
					List.of(new SandboxProperties.User("t", "u", null, List.of(), Duration.ofHours(1), null, null))))
			.withMessage("pi.sandbox.users[0].username must not be blank (such as alice)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(List.of(new SandboxProperties.User("t", "u", "n", List.of("payments", ""),
					Duration.ofHours(1), null, null))))
			.withMessageStartingWith("pi.sandbox.users[0].scopes has a blank entry");
	}

	@Test
	void userWalletThatIsNotAStellarKeyIsRejectedNamingTheEntry() {
		SandboxProperties.User user = new SandboxProperties.User("t", "u", "n", List.of(), Duration.ofHours(1), null,
				"not-a-wallet");

		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(user)))
			.withMessageStartingWith("pi.sandbox.users[0].wallet-address must be a Stellar public key");
	}

	@Test
	void missingListsBecomeEmpty() {
		SandboxProperties properties = new SandboxProperties("k", "Pi Testnet", WALLET, null, Duration.ofSeconds(60),
				null, null);

		assertThat(properties.users()).isEmpty();
		assertThat(new SandboxProperties.User("t", "u", "n", null, Duration.ofHours(1), null, null).scopes()).isEmpty();
	}

	private static SandboxProperties properties(List<SandboxProperties.User> users) {
		return new SandboxProperties("k", "Pi Testnet", WALLET, null, Duration.ofSeconds(60), users, null);
	}

	private static SandboxProperties.User user(String token, String uid) {
		return new SandboxProperties.User(token, uid, "name-" + uid, List.of("payments"), Duration.ofHours(1), null,
				null);
	}

}
