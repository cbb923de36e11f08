package dev.piedge.sidecar.idempotency;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Deletes {@code Idempotency-Key}s once their answer is older than
 * {@code pi.api-idempotency.retention}, and keys abandoned mid-request as long ago. It
 * deletes in batches, each a short statement of its own, like the outbox pruner; several
 * instances pruning at once only share the work.
 */
@Component
class IdempotencyPruner {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyPruner.class);

	static final int BATCH_SIZE = 1000;

	private final IdempotencyRepository repository;

	private final IdempotencyProperties properties;

	private final Clock clock;

	IdempotencyPruner(IdempotencyRepository repository, IdempotencyProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "1m", fixedDelayString = "${pi.api-idempotency.prune-interval:1h}")
	Mono<Void> scheduledPrune() {
		return prune().onErrorResume(ex -> {
			log.warn("Pruning Idempotency-Keys failed, retrying at the next run: {}", ex.toString());
			return Mono.empty();
		}).then();
	}

	/** Deletes every key past its retention, batch by batch; emits how many went. */
	Mono<Long> prune() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Instant cutoff = now.minus(this.properties.retention());
			// The statement runs anew on every subscription: one batch per round until a
			// batch comes up short.
			Mono<Long> batch = this.repository.deleteExpired(cutoff, now, BATCH_SIZE);
			return batch.expand(deleted -> (deleted >= BATCH_SIZE) ? batch : Mono.empty())
				.reduce(0L, Long::sum)
				.doOnNext(total -> {
					if (total > 0) {
						log.info("Pruned {} Idempotency-Keys answered before {}", total, cutoff);
					}
				});
		});
	}

}
