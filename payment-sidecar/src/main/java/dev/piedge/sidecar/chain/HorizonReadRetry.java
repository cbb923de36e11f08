package dev.piedge.sidecar.chain;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries a Horizon read, applied with {@code transformDeferred}, by the rules of
 * pi-platform-client's {@code PiRetryOperator} for reads: a
 * {@link HorizonUnavailableException} other than an unreadable answer is tried again
 * after Reactor's exponential backoff with jitter, preceded by Horizon's
 * {@code Retry-After} when it is no longer than {@code max-backoff}; a longer one ends
 * the retries at once. When they run out the caller gets the last failure, unwrapped.
 * Never applied to a submission.
 */
final class HorizonReadRetry {

	private static final Logger log = LoggerFactory.getLogger(HorizonReadRetry.class);

	private HorizonReadRetry() {
	}

	static <T> UnaryOperator<Mono<T>> of(String call, HorizonProperties.Retry policy) {
		if (policy.maxAttempts() <= 1) {
			return UnaryOperator.identity();
		}
		Retry retry = Retry.backoff(policy.maxAttempts() - 1L, policy.minBackoff())
			.maxBackoff(policy.maxBackoff())
			.jitter(policy.jitter())
			.filter(failure -> isRetryable(failure, policy))
			.doBeforeRetryAsync(signal -> {
				log.debug("Horizon {} failed ({}); retry {} of {}", call, signal.failure().getMessage(),
						signal.totalRetries() + 1, policy.maxAttempts() - 1);
				return waitOutRetryAfter(signal.failure());
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
		return read -> read.retryWhen(retry);
	}

	private static boolean isRetryable(Throwable failure, HorizonProperties.Retry policy) {
		return failure instanceof HorizonUnavailableException unavailable
				&& unavailable.reason() != HorizonUnavailableException.Reason.BAD_RESPONSE
				&& unavailable.retryAfter().map(delay -> delay.compareTo(policy.maxBackoff()) <= 0).orElse(true);
	}

	private static Mono<Void> waitOutRetryAfter(Throwable failure) {
		Duration delay = ((HorizonUnavailableException) failure).retryAfter().orElse(Duration.ZERO);
		return delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
	}

}
