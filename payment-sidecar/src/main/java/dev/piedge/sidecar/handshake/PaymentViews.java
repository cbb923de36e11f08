package dev.piedge.sidecar.handshake;

import java.util.Map;

import dev.piedge.sidecar.ledger.LedgerPayment;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns ledger rows into {@link PaymentView}s, parsing the stored metadata JSON.
 */
@Component
class PaymentViews {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	PaymentView of(LedgerPayment row) {
		return new PaymentView(row.piPaymentId(), row.status().name(), row.amount(), row.memo(), metadata(row),
				row.txid(), row.direction(), row.network(), row.failureReason(), row.createdAt(), row.updatedAt());
	}

	Map<String, Object> metadata(LedgerPayment row) {
		return (row.metadataJson() == null) ? Map.of() : this.json.readValue(row.metadataJson(), MAP);
	}

	String toJson(Map<String, Object> metadata) {
		return this.json.writeValueAsString(metadata != null ? metadata : Map.of());
	}

}
