package dev.piedge.pi.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The blockchain transaction linked to a Pi payment.
 *
 * <p>
 * {@code txid} is kept as Pi sent it (not a {@link TxId}) so that an unexpected value
 * does not make the whole payment unreadable; convert with {@link TxId#of(String)} before
 * using it.
 *
 * @param txid the transaction hash
 * @param verified whether Pi verified the transaction
 * @param link the Horizon URL of the transaction (JSON {@code _link})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PiTransaction(@JsonProperty("txid") String txid, @JsonProperty("verified") boolean verified,
		@JsonProperty("_link") String link) {
}
