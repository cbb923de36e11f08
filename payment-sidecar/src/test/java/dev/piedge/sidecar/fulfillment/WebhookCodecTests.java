package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookCodecTests {

	private static final UUID ID = UUID.fromString("0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f");

	@Test
	void writesAmountsAsExactPlainNumbers() {
		CompletedPayment payment = payment(new BigDecimal("1E+2"), null);

		assertThat(WebhookCodec.paymentCompletedData("uid-1", payment)).contains("\"amount\":100,");
		assertThat(WebhookCodec.paymentCompletedData("uid-1", payment(new BigDecimal("0.1000000"), null)))
			.contains("\"amount\":0.1000000,");
	}

	@Test
	void writesTheEnvelopeInDocumentedOrderFromJsonbText() {
		// What PostgreSQL returns for payload::text: keys reordered, spaces added.
		String jsonb = "{\"memo\": \"Order 7\", \"txid\": \"tx-7\", \"amount\": 3.1400000, \"network\": \"Pi Testnet\", "
				+ "\"user_uid\": \"uid-1\", \"metadata\": {\"price\": 0.30000000000000004}, \"payment_id\": \"pay-7\", "
				+ "\"created_at\": \"2026-11-22T11:59:00Z\", \"completed_at\": \"2026-11-22T12:00:00Z\"}";
		OutboxEvent event = new OutboxEvent(ID, 7, "payment.completed", "uid-1", jsonb, 0,
				Instant.parse("2026-11-22T12:00:00Z"));

		String body = new String(WebhookCodec.body(event), StandardCharsets.UTF_8);

		assertThat(body).isEqualTo("{\"id\":\"" + ID + "\",\"type\":\"payment.completed\",\"created\":1795348800,"
				+ "\"data\":{\"payment_id\":\"pay-7\",\"user_uid\":\"uid-1\",\"amount\":3.1400000,\"memo\":\"Order 7\","
				+ "\"metadata\":{\"price\":0.30000000000000004},\"txid\":\"tx-7\",\"network\":\"Pi Testnet\","
				+ "\"created_at\":\"2026-11-22T11:59:00Z\",\"completed_at\":\"2026-11-22T12:00:00Z\"}}");
	}

	@Test
	void keepsNullOptionalFieldsAsExplicitNulls() {
		String data = WebhookCodec.paymentCompletedData("uid-1",
				new CompletedPayment("pay-1", "uid-1", BigDecimal.ONE, null, null, "tx-1", null, null, null));

		assertThat(data).isEqualTo("{\"payment_id\":\"pay-1\",\"user_uid\":\"uid-1\",\"amount\":1,\"memo\":null,"
				+ "\"metadata\":null,\"txid\":\"tx-1\",\"network\":null,\"created_at\":null,\"completed_at\":null}");
	}

	private static CompletedPayment payment(BigDecimal amount, Map<String, Object> metadata) {
		return new CompletedPayment("pay-1", "uid-1", amount, "memo", metadata, "tx-1", "Pi Testnet",
				Instant.parse("2026-11-22T11:59:00Z"), Instant.parse("2026-11-22T12:00:00Z"));
	}

}
