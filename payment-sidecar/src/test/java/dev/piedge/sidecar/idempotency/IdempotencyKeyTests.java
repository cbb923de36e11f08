package dev.piedge.sidecar.idempotency;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdempotencyKeyTests {

	@Test
	void takesOneToTwoHundredFiftyFivePrintableAsciiCharacters() {
		assertThat(IdempotencyKey.parse(List.of("0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f")).value())
			.isEqualTo("0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f");
		assertThat(IdempotencyKey.parse(List.of("x")).value()).isEqualTo("x");
		assertThat(IdempotencyKey.parse(List.of("k".repeat(255))).value()).hasSize(255);
		assertThat(IdempotencyKey.parse(List.of("payout 42 / retry ~!")).value()).isEqualTo("payout 42 / retry ~!");
	}

	@Test
	void aQuotedKeyIsTheSameKey() {
		assertThat(IdempotencyKey.parse(List.of("\"8e03978e-40d5\"")))
			.isEqualTo(IdempotencyKey.parse(List.of("8e03978e-40d5")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\"\"", "tab\there", "caf\u00e9", "line\u007f", "\"a\"b\"", "\"a\\\\b\"" })
	void refusesKeysThatAreEmptyOrNotPrintableAscii(String value) {
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
			.isThrownBy(() -> IdempotencyKey.parse(List.of(value)))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo("invalid_idempotency_key"));
	}

	@Test
	void refusesALongKeyAndSeveralHeaders() {
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
			.isThrownBy(() -> IdempotencyKey.parse(List.of("k".repeat(256))));
		assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
			.isThrownBy(() -> IdempotencyKey.parse(List.of("a", "b")))
			.withMessageContaining("one Idempotency-Key header");
	}

}
