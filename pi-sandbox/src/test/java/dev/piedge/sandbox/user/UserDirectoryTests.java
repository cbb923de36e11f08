package dev.piedge.sandbox.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellar.sdk.KeyPair;

import dev.piedge.sandbox.config.SandboxProperties;

import static org.assertj.core.api.Assertions.assertThat;

class UserDirectoryTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final String CAROL_WALLET = "GDL6VE6PC2MEKLJMIW6ZMKBPXQFYS5D36ODXGL33BI4IUHOM2BBNAUOB";

	private final UserDirectory directory = new UserDirectory(
			new SandboxProperties("k", "Pi Testnet", SandboxProperties.DEFAULT_APP_WALLET, null, Duration.ofSeconds(60),
					List.of(new SandboxProperties.User("ta", "ua", "alice", List.of("username"), Duration.ofHours(24),
							null, null),
							new SandboxProperties.User("tc", "uc", "carol", List.of(), null,
									Instant.parse("2020-01-01T00:00:00Z"), CAROL_WALLET)),
					null),
			Clock.fixed(START, ZoneOffset.UTC));

	@Test
	void validForCountsFromStartup() {
		assertThat(directory.findByToken("ta")).get()
			.extracting(SandboxUser::validUntil)
			.isEqualTo(START.plus(Duration.ofHours(24)));
	}

	@Test
	void validUntilIsTakenAsConfigured() {
		SandboxUser carol = directory.findByToken("tc").orElseThrow();

		assertThat(carol.validUntil()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(carol.isExpiredAt(START)).isTrue();
	}

	@Test
	void usersAreFoundByUid() {
		assertThat(directory.findByUid("ua")).get().extracting(SandboxUser::username).isEqualTo("alice");
		assertThat(directory.findByUid("nobody")).isEmpty();
		assertThat(directory.findByToken("nobody")).isEmpty();
	}

	@Test
	void walletIsDerivedFromUidUnlessConfigured() {
		assertThat(directory.findByUid("ua").orElseThrow().walletAddress()).matches(SandboxProperties.STELLAR_ADDRESS)
			.isEqualTo(UserDirectory.walletFor("ua"))
			.isNotEqualTo(UserDirectory.walletFor("ub"));
		assertThat(directory.findByUid("uc").orElseThrow().walletAddress()).isEqualTo(CAROL_WALLET);
	}

	@Test
	void derivedWalletIsAValidStellarAccountThatPaymentsCanBeSentTo() {
		String wallet = directory.findByUid("ua").orElseThrow().walletAddress();

		assertThat(KeyPair.fromAccountId(wallet).getAccountId()).isEqualTo(wallet);
		assertThat(UserDirectory.walletFor("ua")).isEqualTo(wallet);
	}

	@Test
	void tokenExpiresExactlyAtValidUntil() {
		SandboxUser alice = directory.findByToken("ta").orElseThrow();

		assertThat(alice.isExpiredAt(alice.validUntil().minusMillis(1))).isFalse();
		assertThat(alice.isExpiredAt(alice.validUntil())).isTrue();
	}

}
