package dev.piedge.proxy.token;

import java.nio.charset.StandardCharsets;

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
		assertThat(text(found.forwardedBody())).isEqualTo(
				"{\"paymentId\":\"p-1\",\"amount\":3.140,\"n\":12345678901234567890,\"meta\":{\"a\":[1,null,true]}}");
	}

	@Test
	void dropsANullTokenWithoutFindingOne() {
		BodyTokenExtractor.BodyToken found = this.extractor
			.extract(bytes("{\"paymentId\":\"p\",\"accessToken\":null}"));

		assertThat(found.token()).isNull();
		assertThat(text(found.forwardedBody())).isEqualTo("{\"paymentId\":\"p\"}");
	}

	@Test
	void writesABodyWithoutATokenAnewToo() {
		BodyTokenExtractor.BodyToken found = this.extractor
			.extract(bytes(" {\"payment\\u0049d\" : \"p-1\", \"n\": 1.50 } "));

		assertThat(found.token()).isNull();
		assertThat(text(found.forwardedBody())).isEqualTo("{\"paymentId\":\"p-1\",\"n\":1.50}");
	}

	@Test
	void leavesANestedAccessTokenAlone() {
		BodyTokenExtractor.BodyToken found = this.extractor
			.extract(bytes("{\"accessToken\":\"top\",\"payment\":{\"accessToken\":\"nested\"}}"));

		assertThat(found.token()).isEqualTo("top");
		assertThat(text(found.forwardedBody())).isEqualTo("{\"payment\":{\"accessToken\":\"nested\"}}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "not json", "[{\"accessToken\":\"t\"}]", "\"accessToken\"", "null", "42",
			"{\"paymentId\":", "{\"paymentId\":\"p\"} {\"accessToken\":\"t\"}", "{\"accessToken\":\"t\"} x",
			"{'accessToken':'t'}", "{\"accessToken\":\"first\",\"paymentId\":\"p\",\"accessToken\":\"last\"}",
			"{\"p\":{\"a\":1,\"a\":2}}", "{\"access\\u0054oken\":\"a\",\"accessToken\":\"b\"}",
			"\uFEFF{\"accessToken\":\"t\"}" })
	void refusesAnythingButExactlyOneJsonObject(String body) {
		assertThatThrownBy(() -> this.extractor.extract(bytes(body))).isInstanceOf(InvalidBodyException.class)
			.hasMessageNotContaining("accessToken");
	}

	@Test
	void refusesABodyThatIsNotUtf8() {
		byte[] utf16 = "{\"accessToken\":\"t\"}".getBytes(StandardCharsets.UTF_16BE);
		byte[] latin1 = "{\"memo\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

		assertThatThrownBy(() -> this.extractor.extract(utf16)).isInstanceOf(InvalidBodyException.class);
		assertThatThrownBy(() -> this.extractor.extract(latin1)).isInstanceOf(InvalidBodyException.class);
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
