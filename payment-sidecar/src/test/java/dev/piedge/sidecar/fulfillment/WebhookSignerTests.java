package dev.piedge.sidecar.fulfillment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTests {

	private final WebhookSigner signer = new WebhookSigner("0123456789abcdef0123456789abcdef");

	@Test
	void signsTimestampDotBodyWithHmacSha256InLowercaseHex() {
		// Expected value computed independently with Python: hmac.new(secret,
		// b'1700000000.' + body, sha256).hexdigest()
		String header = this.signer.sign(1700000000L, "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));

		assertThat(header)
			.isEqualTo("t=1700000000,v1=6f393854ecf6d5c9a23333c7d64fde55ddc4ba0540eab39683450b4b04860537");
	}

	@Test
	void reproducesTheExampleRequestInTheManual() {
		// FULFILLMENT.md shows this body and signature as a test vector for backend
		// authors.
		String data = WebhookCodec.paymentCompletedData("uid-42",
				new CompletedPayment("pay-42", "uid-42", new BigDecimal("3.1400000"), "Coffee \u2615",
						Map.of("order_id", "o-1001"), "tx-abc", "Pi Testnet", Instant.parse("2026-11-22T11:59:00Z"),
						Instant.parse("2026-11-22T12:00:00Z")));
		byte[] body = WebhookCodec.body(new OutboxEvent(UUID.fromString("0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f"), 1,
				"payment.completed", "uid-42", data, 0, Instant.parse("2026-11-22T12:00:00Z")));

		assertThat(new String(body, StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":\"0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f\","
					+ "\"type\":\"payment.completed\",\"created\":1795348800,\"data\":{\"payment_id\":\"pay-42\","
					+ "\"user_uid\":\"uid-42\",\"amount\":3.1400000,\"memo\":\"Coffee \u2615\",\"metadata\":{\"order_id\":"
					+ "\"o-1001\"},\"txid\":\"tx-abc\",\"network\":\"Pi Testnet\",\"created_at\":\"2026-11-22T11:59:00Z\","
					+ "\"completed_at\":\"2026-11-22T12:00:00Z\"}}");
		assertThat(new WebhookSigner("whsec_5f2b8e0c1d4a4b6e9f7a3c2d1e0f9a8b").sign(1795348805L, body))
			.isEqualTo("t=1795348805,v1=6ce4ee2b7d7df4b8965415da95598e1e0af5ac16297facef97368d3ab0b0df5e");
	}

	@Test
	void signatureChangesWhenOneBodyByteChanges() {
		String original = this.signer.sign(1700000000L, "{\"amount\":1.5}".getBytes(StandardCharsets.UTF_8));
		String tampered = this.signer.sign(1700000000L, "{\"amount\":1.6}".getBytes(StandardCharsets.UTF_8));

		assertThat(tampered).isNotEqualTo(original);
	}

	@Test
	void signatureChangesWithTheTimestamp() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

		assertThat(this.signer.sign(1L, body).substring(4)).isNotEqualTo(this.signer.sign(2L, body).substring(4));
	}

}
