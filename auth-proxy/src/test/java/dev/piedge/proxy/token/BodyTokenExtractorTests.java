package dev.piedge.proxy.token;

import java.nio.charset.StandardCharsets;

import dev.piedge.proxy.error.MalformedTokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyTokenExtractorTests {

	private final BodyTokenExtractor extractor = new BodyTokenExtractor();

	@Test
	void takesTheTokenOutAndKeepsEveryOtherField() {
		BodyTokenExtractor.BodyToken found = this.extractor
			.extract(bytes("{\"paymentId\":\"p-1\",\"accessToken\":\"tok\",\"amount\":3.140,\"n\":12345678901234567890,"
					+ "\"meta\":{\"a\":[1,null,true]}}"));

		assertThat(found.token()).isEqualTo("tok");
		assertThat(text(found.forwardedBody()))
			.isEqualTo("{\"paymentId\":\"p-1\",\"amount\":3.140,\"n\":12345678901234567890,\"meta\":{\"a\":[1,null,true]}}");
	}

	@Test
	void dropsANullTokenWithoutFindingOne() {
		BodyTokenExtractor.BodyToken found = this.extractor.extract(bytes("{\"paymentId\":\"p\",\"accessToken\":null}"));

		assertThat(found.token()).isNull();
		assertThat(text(found.forwardedBody())).isEqualTo("{\"paymentId\":\"p\"}");
	}

	@Test
	void removesEveryCopyOfARepeatedTokenField() {
		BodyTokenExtractor.BodyToken found = this.extractor
			.extract(bytes("{\"accessToken\":\"first\",\"paymentId\":\"p\",\"accessToken\":\"last\"}"));

		assertThat(found.token()).isEqualTo("last");
		assertThat(text(found.forwardedBody())).isEqualTo("{\"paymentId\":\"p\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[{\"accessToken\":\"t\"}]", "\"accessToken\"", "{\"paymentId\":\"p\"}",
			"{\"paymentId\":" })
	void forwardsAnyOtherBodyUnchanged(String body) {
		byte[] original = bytes(body);

		BodyTokenExtractor.BodyToken found = this.extractor.extract(original);

		assertThat(found.token()).isNull();
		assertThat(found.forwardedBody()).isSameAs(original);
	}

	@Test
	void refusesATokenThatIsNotAString() {
		assertThatThrownBy(() -> this.extractor.extract(bytes("{\"accessToken\":{\"value\":\"t\"}}")))
			.isInstanceOf(MalformedTokenException.class);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
