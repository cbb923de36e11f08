package dev.piedge.sidecar.fulfillment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.piedge.sidecar.polling.PollingLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers outbox events to the backend, at least once. Every {@code poll-interval}, and
 * soon after a {@link #nudge()}, it claims a batch of due events, posts them in parallel
 * and records each outcome; a failed event is retried with exponential backoff and never
 * given up. Any number of instances can share one database: a claim keeps other instances
 * off an event until it is recorded or the claim expires.
 * <p>
 * When {@code pi.payments.fulfillment.url} is empty the relay does not start and events
 * stay queued.
 */
@Component
public class FulfillmentRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FulfillmentRelay.class);

	private final FulfillmentProperties properties;

	private final OutboxEventRepository repository;

	private final WebhookClient client;

	private final Clock clock;

	private final DeliveryBackoff backoff;

	private final MeterRegistry meters;

	private final AtomicLong pending = new AtomicLong();

	// Best effort by design: a nudge lost to contention or emitted while stopped only
	// delays delivery until
	// the next regular poll.
	private final PollingLoop loop = new PollingLoop();

	FulfillmentRelay(FulfillmentProperties properties, OutboxEventRepository repository, WebhookClient client,
			Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.repository = repository;
		this.client = client;
		this.clock = clock;
		this.meters = meters;
		this.backoff = new DeliveryBackoff(properties.minBackoff(), properties.maxBackoff(),
				() -> ThreadLocalRandom.current().nextDouble());
		Gauge.builder("pi.fulfillment.pending", this.pending, AtomicLong::get)
			.description("Outbox events not yet delivered to the backend, as of the relay's last poll")
			.register(meters);
	}

	/**
	 * Asks for a poll as soon as the current one (if any) finishes, for example right
	 * after a commit.
	 */
	public void nudge() {
		this.loop.nudge();
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			log.warn("pi.payments.fulfillment.url is not set: fulfilment events are kept in the outbox and "
					+ "will be delivered once it is configured");
			return;
		}
		log.info("Delivering fulfilment webhooks to {} (secret {}), polling every {}", this.properties.url(),
				this.properties.secretFingerprint(), this.properties.pollInterval());
		// Ticks that arrive while a poll runs collapse into one follow-up poll, so polls
		// never overlap.
		this.loop.start(this.properties.pollInterval(), this::drain);
	}

	@Override
	public void stop() {
		// In-flight deliveries are cancelled; their claims expire and another poll
		// delivers them again.
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/**
	 * Polls until a poll finds less than a full batch, so a backlog drains without
	 * waiting for ticks.
	 */
	private Mono<Void> drain() {
		return pollOnce().expand(claimed -> (claimed >= this.properties.batchSize()) ? pollOnce() : Mono.empty())
			.then()
			.onErrorResume(ex -> {
				log.warn("Fulfilment poll failed, retrying at the next poll: {}", ex.toString());
				return Mono.empty();
			});
	}

	/**
	 * Claims one batch of due events, delivers them and records the outcomes; emits how
	 * many were claimed.
	 */
	Mono<Integer> pollOnce() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return this.repository.claimDue(now, now.plus(this.properties.claimTimeout()), this.properties.batchSize())
				.flatMap(this::deliver, this.properties.batchSize())
				.count()
				.flatMap(claimed -> this.repository.countPending()
					.doOnNext(this.pending::set)
					.thenReturn(claimed.intValue()));
		});
	}

	private Mono<Void> deliver(OutboxEvent event) {
		return this.client.deliver(event).flatMap(outcome -> record(event, outcome)).onErrorResume(ex -> {
			// The claim expires and the event is delivered again: at least once, never
			// lost.
			log.warn("Could not record the outcome of fulfilment event {}: {}", event.id(), ex.toString());
			return Mono.empty();
		});
	}

	private Mono<Void> record(OutboxEvent event, DeliveryOutcome outcome) {
		Counter.builder("pi.fulfillment.deliveries")
			.description("Webhook delivery attempts, by outcome")
			.tag("outcome", outcome.outcome())
			.register(this.meters)
			.increment();
		Instant now = this.clock.instant();
		if (outcome.delivered()) {
			return this.repository.markDelivered(event.id(), now);
		}
		int attempts = event.attempts() + 1;
		Duration delay = this.backoff.after(attempts);
		log.warn("Fulfilment event {} ({} for payment row {}) failed on attempt {}: {}; next attempt in {}", event.id(),
				event.eventType(), event.paymentId(), attempts, outcome.error(), delay);
		return this.repository.markFailed(event.id(), outcome.error(), now.plus(delay));
	}

}
