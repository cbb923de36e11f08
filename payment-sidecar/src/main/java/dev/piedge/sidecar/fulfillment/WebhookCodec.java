package dev.piedge.sidecar.fulfillment;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into the exact JSON the backend receives. It owns its mapper rather than
 * using the application's, so a global Jackson setting can never change the webhook wire
 * format.
 */
final class WebhookCodec {

	static final String PAYMENT_COMPLETED = "payment.completed";

	static final String PAYOUT_COMPLETED = "payout.completed";

	static final String PAYOUT_FAILED = "payout.failed";

	static final String CHECKOUT_SESSION_COMPLETED = "checkout.session.completed";

	static final String CHECKOUT_SESSION_EXPIRED = "checkout.session.expired";

	// Plain BigDecimal text ("100", not "1E+2"), and floats inside metadata read back as
	// BigDecimal, so no
	// amount ever passes through a double on its way from the ledger to the backend.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	// Built once, so their (de)serializers are resolved here: on first use Jackson builds
	// them under a lock,
	// and concurrent deliveries would otherwise wait for it on an event loop.
	private static final ObjectReader DATA_READER = MAPPER.readerFor(PaymentCompletedData.class);

	private static final ObjectWriter DATA_WRITER = MAPPER.writerFor(PaymentCompletedData.class);

	private static final ObjectReader PAYOUT_READER = MAPPER.readerFor(PayoutEventData.class);

	private static final ObjectWriter PAYOUT_WRITER = MAPPER.writerFor(PayoutEventData.class);

	// A checkout event's data is the session exactly as the API answers it; checkout owns
	// that shape, so it is read back as a tree (JSONB's key order, values unchanged).
	private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);

	private static final ObjectWriter EVENT_WRITER = MAPPER.writerFor(WebhookEvent.class);

	private WebhookCodec() {
	}

	/** The payload column for a {@code payment.completed} event. */
	static String paymentCompletedData(String userUid, CompletedPayment payment) {
		return DATA_WRITER.writeValueAsString(PaymentCompletedData.of(userUid, payment));
	}

	/**
	 * The payload column for a {@code payout.completed} or {@code payout.failed} event.
	 */
	static String payoutData(PayoutEventData payout) {
		return PAYOUT_WRITER.writeValueAsString(payout);
	}

	/**
	 * The request body for a stored event. The payload is read back into its type and
	 * written again, because PostgreSQL's JSONB text reorders keys and adds spaces; the
	 * values, amounts included, are unchanged.
	 */
	static byte[] body(OutboxEvent event) {
		Object data = switch (event.eventType()) {
			case PAYMENT_COMPLETED -> DATA_READER.readValue(event.payload());
			case PAYOUT_COMPLETED, PAYOUT_FAILED -> PAYOUT_READER.readValue(event.payload());
			case CHECKOUT_SESSION_COMPLETED, CHECKOUT_SESSION_EXPIRED -> TREE_READER.readValue(event.payload());
			default -> throw new IllegalStateException("Unknown outbox event type '" + event.eventType() + "'");
		};
		return EVENT_WRITER.writeValueAsBytes(
				new WebhookEvent(event.id().toString(), event.eventType(), event.createdAt().getEpochSecond(), data));
	}

}
