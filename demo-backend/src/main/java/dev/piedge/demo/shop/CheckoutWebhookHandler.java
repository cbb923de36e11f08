package dev.piedge.demo.shop;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The sidecar's signed webhooks ({@code pi.payments.fulfillment.url} points here). The
 * signature is checked on the raw bytes before anything is parsed; then a
 * {@code checkout.session.completed} event records its session as paid. Other event types
 * are acknowledged and ignored. Any 2xx tells the sidecar the event is delivered.
 */
@Component
class CheckoutWebhookHandler {

	static final String PATH = "/pi-edge/fulfillment";

	static final String SIGNATURE_HEADER = "Pi-Edge-Signature";

	static final String CHECKOUT_COMPLETED = "checkout.session.completed";

	/** The sidecar's events are small; a larger body is not one of them. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final Logger log = LoggerFactory.getLogger(CheckoutWebhookHandler.class);

	private final FulfillmentProperties properties;

	private final PaidCheckouts paid;

	private final JsonMapper json;

	private final Clock clock;

	CheckoutWebhookHandler(FulfillmentProperties properties, PaidCheckouts paid, JsonMapper json, Clock clock) {
		this.properties = properties;
		this.paid = paid;
		this.json = json;
		this.clock = clock;
		if (properties.secret().isBlank()) {
			log.warn("demo.fulfillment.secret (PI_FULFILLMENT_SECRET) is not set: every webhook at {} is refused",
					PATH);
		}
	}

	Mono<ServerResponse> receive(ServerRequest request) {
		String signature = request.headers().firstHeader(SIGNATURE_HEADER);
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
			.map(CheckoutWebhookHandler::bytesAndRelease)
			.defaultIfEmpty(new byte[0])
			.flatMap(body -> switch (WebhookSignature.verify(signature, body, this.properties.secret(),
					this.clock.instant(), this.properties.tolerance())) {
				case VALID -> accept(request, body);
				case STALE -> refuse(HttpStatus.UNAUTHORIZED, "stale_signature",
						"Pi-Edge-Signature's t is too far from this server's clock.");
				case INVALID -> refuse(HttpStatus.UNAUTHORIZED, "invalid_signature",
						"Pi-Edge-Signature is missing or does not match the body.");
			})
			.onErrorResume(DataBufferLimitException.class, ex -> refuse(HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
					"A webhook is at most " + MAX_BODY_BYTES + " bytes."));
	}

	private Mono<ServerResponse> accept(ServerRequest request, byte[] body) {
		JsonNode event;
		try {
			event = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return refuse(HttpStatus.BAD_REQUEST, "invalid_event", "The event is not JSON.");
		}
		String type = (event.path("type").isString()) ? event.path("type").stringValue() : "";
		log.info("POST {} X-Pi-Uid={} verified {} {}", PATH, request.headers().firstHeader("X-Pi-Uid"), type,
				request.headers().firstHeader("Idempotency-Key"));
		if (CHECKOUT_COMPLETED.equals(type)) {
			try {
				this.paid.record(PaidCheckout.from(event.get("data")));
			}
			catch (InvalidWebhookException ex) {
				return refuse(HttpStatus.BAD_REQUEST, "invalid_event", ex.getMessage());
			}
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("received", true));
	}

	private static Mono<ServerResponse> refuse(HttpStatus status, String code, String detail) {
		log.warn("Refused a webhook at {}: {}", PATH, code);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code);
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

	private static byte[] bytesAndRelease(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
