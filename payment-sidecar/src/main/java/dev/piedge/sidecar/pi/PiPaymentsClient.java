package dev.piedge.sidecar.pi;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiUnavailableException;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.pi.client.TxId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Pi's payment calls as the handshake needs them. Reads are retried by the shared client.
 * A state-changing call (approve, complete, cancel) whose outcome is unknown (timeout,
 * 5xx, 429) is retried with backoff, jitter and Pi's {@code Retry-After}; before each
 * retry Pi's record is read back, and if the call already took effect that record is the
 * result. So a retry never asks Pi to do a thing twice.
 */
@Component
public class PiPaymentsClient {

	private static final Logger log = LoggerFactory.getLogger(PiPaymentsClient.class);

	private final PiPlatformClient pi;

	private final PiCallProperties properties;

	public PiPaymentsClient(PiPlatformClient pi, PiCallProperties properties) {
		this.pi = pi;
		this.properties = properties;
	}

	public Mono<PiPayment> get(PaymentId id) {
		return this.pi.getPayment(id);
	}

	public Mono<PiPayment> approve(PaymentId id) {
		return changeState(id, "approve", () -> this.pi.approvePayment(id), p -> p.status().developerApproved());
	}

	public Mono<PiPayment> complete(PaymentId id, TxId txid) {
		return changeState(id, "complete", () -> this.pi.completePayment(id, txid),
				p -> p.status().developerCompleted());
	}

	public Mono<PiPayment> cancel(PaymentId id) {
		return changeState(id, "cancel", () -> this.pi.cancelPayment(id),
				p -> p.status().cancelled() || p.status().userCancelled());
	}

	private Mono<PiPayment> changeState(PaymentId id, String action, Supplier<Mono<PiPayment>> call,
			Predicate<PiPayment> tookEffect) {
		return Mono.defer(() -> {
			AtomicBoolean firstAttempt = new AtomicBoolean(true);
			Mono<PiPayment> attempt = Mono.defer(() -> firstAttempt.getAndSet(false) ? call.get()
					: readBack(id).filter(tookEffect).switchIfEmpty(Mono.defer(call)));
			return attempt.retryWhen(retrySpec(id, action));
		});
	}

	/**
	 * Pi's record, or empty if it cannot be read right now (the call is then simply
	 * retried).
	 */
	private Mono<PiPayment> readBack(PaymentId id) {
		return this.pi.getPayment(id).onErrorResume(PiApiUnavailableException.class, ex -> Mono.empty());
	}

	private Retry retrySpec(PaymentId id, String action) {
		return Retry.backoff(this.properties.maxAttempts() - 1, this.properties.minBackoff())
			.maxBackoff(this.properties.maxBackoff())
			.jitter(0.5)
			.filter(this::worthRetrying)
			.doBeforeRetryAsync(signal -> {
				log.info("Pi {} of payment {} failed ({}); retry {} of {}", action, id.value(),
						describe(signal.failure()), signal.totalRetries() + 1, this.properties.maxAttempts() - 1);
				return retryAfter(signal.failure()).map(delay -> Mono.delay(delay).then()).orElse(Mono.empty());
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private boolean worthRetrying(Throwable failure) {
		if (!(failure instanceof PiApiUnavailableException unavailable)
				|| unavailable.reason() == PiApiUnavailableException.Reason.BAD_RESPONSE) {
			return false;
		}
		return unavailable.retryAfter()
			.map(delay -> delay.compareTo(this.properties.maxRetryAfter()) <= 0)
			.orElse(true);
	}

	private static Optional<Duration> retryAfter(Throwable failure) {
		return (failure instanceof PiApiUnavailableException unavailable) ? unavailable.retryAfter() : Optional.empty();
	}

	private static String describe(Throwable failure) {
		return (failure instanceof PiApiUnavailableException unavailable) ? unavailable.reason().name()
				: failure.getClass().getSimpleName();
	}

}
