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
	void missingListsBecomeEmpty() {
		SandboxProperties properties = new SandboxProperties("k", "Pi Testnet", WALLET, Duration.ofSeconds(60), null);

		assertThat(properties.users()).isEmpty();
		assertThat(new SandboxProperties.User("t", "u", "n", null, Duration.ofHours(1), null, null).scopes()).isEmpty();
	}

	private static SandboxProperties properties(List<SandboxProperties.User> users) {
		return new SandboxProperties("k", "Pi Testnet", WALLET, Duration.ofSeconds(60), users);
	}

	private static SandboxProperties.User user(String token, String uid) {
		return new SandboxProperties.User(token, uid, "name", List.of("payments"), Duration.ofHours(1), null, null);
	}

}
