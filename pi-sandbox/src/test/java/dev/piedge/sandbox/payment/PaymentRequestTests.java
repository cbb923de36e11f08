package dev.piedge.sandbox.payment;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.piedge.sandbox.error.PiApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PaymentRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	@Test
	void amountKeepsEveryDecimalWithoutPassingThroughDouble() {
		PaymentRequest request = parse("{\"amount\":0.1000001,\"memo\":\"m\",\"metadata\":{\"a\":[1]}}");

		assertThat(request.amount()).hasToString("0.1000001");
		assertThat(request.metadata().get("a").get(0).intValue()).isEqualTo(1);
	}

	@Test
	void exponentAmountIsWrittenPlain() {
		assertThat(parse("{\"amount\":1e2,\"memo\":\"m\",\"metadata\":{}}").amount()).hasToString("100");
	}

	@Test
	void hugeAmountIsInvalidAmount() {
		assertCode("{\"amount\":1e999999,\"memo\":\"m\",\"metadata\":{}}", "invalid_amount");
	}

	@Test
	void moreThanSevenDecimalsIsInvalidAmount() {
		assertCode("{\"amount\":1.00000001,\"memo\":\"m\",\"metadata\":{}}", "invalid_amount");
		assertThat(parse("{\"amount\":1.10000000,\"memo\":\"m\",\"metadata\":{}}").amount())
			.isEqualByComparingTo("1.1");
	}

	@Test
	void nullFieldsAreInvalidArguments() {
		assertCode("{\"amount\":null,\"memo\":\"m\",\"metadata\":{}}", "invalid_arguments");
		assertCode("[1]", "invalid_arguments");
	}

	@Test
	void metadataIsCopied() {
		JsonNode body = JSON.readTree("{\"amount\":1,\"memo\":\"m\",\"metadata\":{\"a\":1}}");
		PaymentRequest request = PaymentRequest.from(body);

		((tools.jackson.databind.node.ObjectNode) body.get("metadata")).put("a", 2);

		assertThat(request.metadata().get("a").intValue()).isEqualTo(1);
	}

	private static PaymentRequest parse(String json) {
		return PaymentRequest.from(JSON.readTree(json));
	}

	private static void assertCode(String json, String code) {
		assertThatExceptionOfType(PiApiException.class).isThrownBy(() -> parse(json))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(code));
	}

}
