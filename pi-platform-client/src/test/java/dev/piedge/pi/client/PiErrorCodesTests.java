package dev.piedge.pi.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiErrorCodesTests {

	@Test
	void documentedHoldsEveryCodeConstant() {
		Set<String> constants = Arrays.stream(PiErrorCodes.class.getDeclaredFields())
			.filter(field -> Modifier.isPublic(field.getModifiers()) && field.getType() == String.class)
			.map(PiErrorCodesTests::value)
			.collect(Collectors.toSet());

		assertThat(PiErrorCodes.DOCUMENTED).containsExactlyInAnyOrderElementsOf(constants);
	}

	private static String value(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
