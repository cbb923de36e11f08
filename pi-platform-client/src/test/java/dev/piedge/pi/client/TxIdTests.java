package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TxIdTests {

	private static final String HEX = "7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e7";

	@Test
	void normalisesToLowercase() {
		assertThat(TxId.of(HEX.toUpperCase()).value()).isEqualTo(HEX);
		assertThat(TxId.of(HEX.toUpperCase())).isEqualTo(TxId.of(HEX));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(
			strings = { "abc", "../x", "a/b", "%2e", "7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e",
					"7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e70",
					"ga7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e7",
					" 7a7ed20d3d72c365b9019baf8dc4c4e3cce4c08114d866e47ae157e3a796e9e" })
	void rejectsAnythingButSixtyFourHexCharacters(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> TxId.of(value)).withMessageContaining("64 hexadecimal");
	}

}
