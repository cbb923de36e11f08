package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PaymentIdTests {

	@ParameterizedTest
	@ValueSource(strings = { "jGCjzZqgg78B6Pf1wzYHFSBTqNIv", "a", "A-b_9" })
	void acceptsUrlSafeIds(String value) {
		assertThat(PaymentId.of(value).value()).isEqualTo(value);
	}

	@Test
	void acceptsSixtyFourCharacters() {
		assertThat(PaymentId.of("a".repeat(64)).value()).hasSize(64);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "../x", "a/b", "%2e", "%2e%2e", "..", ".", "a b", "a?b", "a#b", "a\\b", "a\nb",
			"\u00e9t\u00e9", "a;b" })
	void rejectsIdsThatCouldAlterTheUrl(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentId.of(value)).withMessageContaining("payment id");
	}

	@Test
	void rejectsSixtyFiveCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> PaymentId.of("a".repeat(65)));
	}

}
