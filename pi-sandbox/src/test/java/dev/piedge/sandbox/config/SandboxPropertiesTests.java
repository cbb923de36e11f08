package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

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
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", WALLET, Duration.ZERO, List.of()))
			.withMessageContaining("pi.sandbox.approval-timeout must be positive");
	}

	@Test
	void blankApiKeyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties(" ", "Pi Testnet", WALLET, Duration.ofSeconds(60), List.of()))
			.withMessage("pi.sandbox.api-key must not be blank (such as sandbox-api-key)");
	}

	@Test
	void unknownNetworkIsRejectedQuotingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Mainnet", WALLET, Duration.ofSeconds(60), List.of()))
			.withMessage("pi.sandbox.network must be 'Pi Testnet' or 'Pi Network', was 'Pi Mainnet'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", null, WALLET, Duration.ofSeconds(60), List.of()))
			.withMessage("pi.sandbox.network must be 'Pi Testnet' or 'Pi Network', was unset");
	}

	@Test
	void appWalletThatIsNotAStellarKeyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", "GABC", Duration.ofSeconds(60), List.of()))
			.withMessage("pi.sandbox.app-wallet-address must be a Stellar public key: 'G' followed by 55 of A-Z and "
					+ "2-7, was 'GABC'");
	}

	@Test
	void missingApprovalTimeoutIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SandboxProperties("k", "Pi Testnet", WALLET, null, List.of()))
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
		SandboxProperties properties = new SandboxProperties("k", "Pi Testnet", WALLET, Duration.ofSeconds(60), null);

		assertThat(properties.users()).isEmpty();
		assertThat(new SandboxProperties.User("t", "u", "n", null, Duration.ofHours(1), null, null).scopes()).isEmpty();
	}

	private static SandboxProperties properties(List<SandboxProperties.User> users) {
		return new SandboxProperties("k", "Pi Testnet", WALLET, Duration.ofSeconds(60), users);
	}

	private static SandboxProperties.User user(String token, String uid) {
		return new SandboxProperties.User(token, uid, "name-" + uid, List.of("payments"), Duration.ofHours(1), null,
				null);
	}

}
