package dev.piedge.proxy.token;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeSetsTests {

	@Test
	void identitiesWithEqualScopesShareOneImmutableSet() {
		VerifiedIdentity alice = new VerifiedIdentity("uid-a", "alice",
				new LinkedHashSet<>(List.of(new String("username"), new String("payments"))), Instant.EPOCH);
		VerifiedIdentity bob = new VerifiedIdentity("uid-b", "bob",
				new LinkedHashSet<>(List.of(new String("payments"), new String("username"))), Instant.EPOCH);

		assertThat(bob.scopes()).isSameAs(alice.scopes()).containsExactlyInAnyOrder("username", "payments");
		assertThatThrownBy(() -> alice.scopes().add("wallet_address"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void differentScopesStayDifferent() {
		Set<String> payments = ScopeSets.shared(Set.of("username", "payments"));
		Set<String> username = ScopeSets.shared(Set.of("username"));

		assertThat(username).containsExactly("username");
		assertThat(payments).containsExactlyInAnyOrder("username", "payments");
	}

	@Test
	void manyDistinctSetsAreStillCopiedCorrectlyPastTheBound() {
		List<Set<String>> sets = IntStream.range(0, 1000)
			.mapToObj(i -> ScopeSets.shared(new LinkedHashSet<>(List.of("scope-" + i, "username"))))
			.toList();

		assertThat(sets).allSatisfy(set -> assertThat(set).hasSize(2).contains("username"));
		assertThat(ScopeSets.shared(new LinkedHashSet<>(List.of("scope-999", "username")))).isEqualTo(sets.get(999));
	}

}
