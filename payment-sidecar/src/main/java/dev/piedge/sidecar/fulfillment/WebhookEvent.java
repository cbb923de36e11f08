package dev.piedge.sidecar.fulfillment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of one webhook request: {@code {"id":…,"type":…,"created":…,"data":{…}}}.
 *
 * @param id the outbox event id, also sent as {@code Idempotency-Key}
 * @param type the event type, for example {@code payment.completed}
 * @param created when the event was recorded, in Unix seconds
 * @param data the event's fields
 */
@JsonPropertyOrder({ "id", "type", "created", "data" })
record WebhookEvent(@JsonProperty("id") String id, @JsonProperty("type") String type,
		@JsonProperty("created") long created, @JsonProperty("data") Object data) {
}
