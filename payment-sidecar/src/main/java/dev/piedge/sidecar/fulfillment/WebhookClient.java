package dev.piedge.sidecar.fulfillment;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * POSTs one signed event to the backend. The body is serialized once and those exact
 * bytes are both signed and sent. The response body is never read: only the status
 * decides the outcome.
 */
@Component
class WebhookClient {

	static final String UID_HEADER = "X-Pi-Uid";

	static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

	private final URI url;

	private final Duration timeout;

	private final Clock clock;

	private final WebhookSigner signer;

	private final WebClient webClient;

	WebhookClient(FulfillmentProperties properties, Clock clock) {
		this.url = properties.url();
		this.timeout = properties.timeout();
		this.clock = clock;
		this.signer = properties.secret() == null ? null : new WebhookSigner(properties.secret());
		HttpClient httpClient = HttpClient.create()
			.responseTimeout(this.timeout)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(this.timeout.toMillis(), Integer.MAX_VALUE));
		this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
	}

	/** Delivers the event; never fails, a failed attempt is an outcome. */
	Mono<DeliveryOutcome> deliver(OutboxEvent event) {
		return Mono.defer(() -> {
			byte[] body = WebhookCodec.body(event);
			String signature = this.signer.sign(this.clock.instant().getEpochSecond(), body);
			return this.webClient.post()
				.uri(this.url)
				.contentType(MediaType.APPLICATION_JSON)
				// A checkout session nobody opened has no buyer yet.
				.headers(headers -> {
					if (event.userUid() != null) {
						headers.set(UID_HEADER, event.userUid());
					}
				})
				.header(IDEMPOTENCY_HEADER, event.id().toString())
				.header(WebhookSigner.HEADER, signature)
				.bodyValue(body)
				.exchangeToMono(response -> response.releaseBody()
					.thenReturn(response.statusCode().is2xxSuccessful() ? DeliveryOutcome.accepted()
							: DeliveryOutcome.rejected(response.statusCode().value())));
		}).timeout(this.timeout).onErrorResume(ex -> Mono.just(DeliveryOutcome.failed(ex, this.timeout)));
	}

}
