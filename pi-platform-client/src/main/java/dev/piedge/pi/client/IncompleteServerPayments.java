package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * The wrapper Pi puts around the answer of
 * {@code GET /v2/payments/incomplete_server_payments}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record IncompleteServerPayments(@JsonProperty("incomplete_server_payments") List<PiPayment> payments) {

	IncompleteServerPayments {
		if (payments == null) {
			// A missing list must not read as "nothing incomplete": that would let a
			// stuck payment go unnoticed.
			throw new IllegalArgumentException("incomplete_server_payments is missing");
		}
		payments = payments.stream().filter(Objects::nonNull).toList();
	}
}
