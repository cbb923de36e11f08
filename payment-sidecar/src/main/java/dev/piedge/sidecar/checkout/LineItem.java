package dev.piedge.sidecar.checkout;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of a session, priced from the catalog when the session was created.
 *
 * @param product the catalog product id
 * @param name its display name
 * @param quantity how many
 * @param unitAmount the catalog price
 * @param amount {@code unitAmount × quantity}, exact
 */
@JsonPropertyOrder({ "product", "name", "quantity", "unit_amount", "amount" })
record LineItem(@JsonProperty("product") String product, @JsonProperty("name") String name,
		@JsonProperty("quantity") int quantity, @JsonProperty("unit_amount") BigDecimal unitAmount,
		@JsonProperty("amount") BigDecimal amount) {
}
