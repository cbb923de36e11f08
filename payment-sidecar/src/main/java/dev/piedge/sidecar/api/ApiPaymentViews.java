package dev.piedge.sidecar.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.piedge.sidecar.ledger.LedgerPayment;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Ledger rows as the backend API shows them: snake_case like the webhooks, statuses in
 * lower case like the payouts', and every field present ({@code null} when unknown).
 */
@Component
class ApiPaymentViews {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	View of(LedgerPayment row) {
		Map<String, Object> metadata = (row.metadataJson() == null) ? Map.of()
				: this.json.readValue(row.metadataJson(), MAP);
		return new View(row.piPaymentId(), row.direction(), row.status().name().toLowerCase(Locale.ROOT), row.userUid(),
				row.amount(), row.memo(), metadata, row.txid(), row.network(), row.failureReason(), row.createdAt(),
				row.updatedAt());
	}

	record View(@JsonProperty("payment_id") String paymentId, String direction, String status,
			@JsonProperty("user_uid") String userUid, BigDecimal amount, String memo, Map<String, Object> metadata,
			String txid, String network, @JsonProperty("failure_reason") String failureReason,
			@JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {
	}

}
