package dev.piedge.sidecar.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of checkout: the stored line items and metadata, and the session as the API
 * and the webhooks show it. Its own mapper, built once, so a global Jackson setting
 * cannot change the wire format and no (de)serializer is built on an event loop.
 */
final class CheckoutViews {

	/** The page's path, also the session's {@code url}. */
	static final String PAGE_PREFIX = "/pi-edge/checkout/";

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final ObjectReader ITEMS_READER = MAPPER.readerFor(new TypeReference<List<LineItem>>() {
	});

	private static final ObjectWriter ITEMS_WRITER = MAPPER.writerFor(new TypeReference<List<LineItem>>() {
	});

	private static final ObjectReader MAP_READER = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {
	});

	private static final ObjectWriter MAP_WRITER = MAPPER.writerFor(new TypeReference<Map<String, Object>>() {
	});

	private static final ObjectWriter VIEW_WRITER = MAPPER.writerFor(CheckoutView.class);

	private CheckoutViews() {
	}

	static CheckoutView of(CheckoutSession session) {
		List<CheckoutView.Item> items = session.lineItems()
			.stream()
			.map(item -> new CheckoutView.Item(item.product(), item.name(), item.quantity(), amount(item.unitAmount()),
					amount(item.amount())))
			.toList();
		return new CheckoutView(session.id(), session.status(), session.paymentStatus(), session.uid(), items,
				amount(session.total()), session.memo(), session.successUrl(), session.cancelUrl(),
				session.clientReferenceId(), metadata(session.metadataJson()), PAGE_PREFIX + session.id(),
				session.piPaymentId(), session.txid(), session.network(), time(session.expiresAt()),
				time(session.createdAt()), time(session.completedAt()));
	}

	/** The session as a webhook's {@code data}. */
	static String json(CheckoutSession session) {
		return VIEW_WRITER.writeValueAsString(of(session));
	}

	/** An exact amount without trailing zeros: the database's 3.1400000 is 3.14. */
	static String amount(BigDecimal amount) {
		return (amount == null) ? null : amount.stripTrailingZeros().toPlainString();
	}

	static String lineItemsJson(List<LineItem> items) {
		return ITEMS_WRITER.writeValueAsString(items);
	}

	static List<LineItem> lineItems(String json) {
		return ITEMS_READER.readValue(json);
	}

	static String metadataJson(Map<String, Object> metadata) {
		return MAP_WRITER.writeValueAsString(metadata);
	}

	static Map<String, Object> metadata(String json) {
		return (json == null) ? Map.of() : MAP_READER.readValue(json);
	}

	private static String time(Instant instant) {
		return (instant == null) ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

}
