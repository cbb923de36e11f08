package dev.piedge.sidecar.fulfillment;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes delivered outbox events once they are older than
 * {@code pi.payments.fulfillment.delivered-retention}, so the table does not grow
 * forever. Undelivered events and the payment ledger are never pruned. Deletes run in
 * small batches, each its own short statement, so pruning a large backlog never holds
 * long locks; several instances pruning at once only share the work.
 */
@Component
class OutboxPruner {

	private static final Logger log = LoggerFactory.getLogger(OutboxPruner.class);

	static final int BATCH_SIZE = 1000;

	private final FulfillmentProperties properties;

	private final OutboxEventRepository repository;

	private final Clock clock;

	private final Counter pruned;

	OutboxPruner(FulfillmentProperties properties, OutboxEventRepository repository, Clock clock,
			MeterRegistry meters) {
		this.properties = properties;
		this.repository = repository;
		this.clock = clock;
		this.pruned = Counter.builder("pi.fulfillment.pruned")
			.description("Delivered outbox events deleted after their retention")
			.register(meters);
	}

	@Scheduled(initialDelayString = "1m", fixedDelayString = "${pi.payments.fulfillment.prune-interval:1h}")
	Mono<Void> scheduledPrune() {
		return prune().onErrorResume(ex -> {
			log.warn("Pruning delivered fulfilment events failed, retrying at the next run: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

	/**
	 * Deletes every delivered event past its retention, batch by batch; emits how many
	 * were deleted.
	 */
	Mono<Long> prune() {
		if (!this.properties.prunes()) {
			return Mono.just(0L);
		}
		return Mono.defer(() -> {
			Instant cutoff = this.clock.instant().minus(this.properties.deliveredRetention());
			// The statement runs anew on every subscription: one batch per round until a
			// batch comes up short.
			Mono<Long> batch = this.repository.deleteDeliveredBefore(cutoff, BATCH_SIZE);
			return batch.expand(deleted -> (deleted >= BATCH_SIZE) ? batch : Mono.empty())
				.reduce(0L, Long::sum)
				.doOnNext(total -> {
					if (total > 0) {
						this.pruned.increment(total);
						log.info("Pruned {} fulfilment events delivered before {}", total, cutoff);
					}
				});
		});
	}

}
