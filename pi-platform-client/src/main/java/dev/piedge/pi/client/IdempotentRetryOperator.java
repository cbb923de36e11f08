package dev.piedge.pi.client;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;

/**
 * Retries an idempotent Pi call, applied with {@code transformDeferred}.
 *
 * <p>
 * Policy: up to {@code max-attempts} attempts in total, exponential backoff from
 * {@code min-backoff} doubling up to {@code max-backoff}, spread by {@code jitter}. Only
 * {@link PiApiUnavailableException} is retried, except {@code BAD_RESPONSE} (an
 * unreadable answer is not expected to change) and except when Pi's {@code Retry-After}
 * exceeds {@code max-backoff}: then the failure is returned at once so the caller can
 * pass the delay on. A {@code Retry-After} that fits is honoured by waiting
 * {@code Retry-After - min-backoff} before the backoff delay, which itself is never
 * shorter than {@code min-backoff}. After the last attempt the last
 * {@link PiApiUnavailableException} is returned as is, never wrapped.
 */
final class IdempotentRetryOperator {

	private final Retry retry;

	IdempotentRetryOperator(PiApiProperties.Retry policy) {
		Duration minBackoff = policy.minBackoff();
		Duration maxBackoff = policy.maxBackoff();
		this.retry = policy.maxAttempts() <= 1 ? null
				: Retry.backoff(policy.maxAttempts() - 1L, minBackoff)
					.maxBackoff(maxBackoff)
					.jitter(policy.jitter())
					.filter(error -> isRetryable(error, maxBackoff))
					.doBeforeRetryAsync(signal -> waitOutRetryAfter(signal.failure(), minBackoff))
					.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	<T> Mono<T> apply(Mono<T> attempt) {
		return retry == null ? attempt : attempt.retryWhen(retry);
	}

	private static boolean isRetryable(Throwable error, Duration maxBackoff) {
		return error instanceof PiApiUnavailableException unavailable
				&& unavailable.reason() != PiApiUnavailableException.Reason.BAD_RESPONSE
				&& unavailable.retryAfter().map(delay -> delay.compareTo(maxBackoff) <= 0).orElse(true);
	}

	private static Mono<Void> waitOutRetryAfter(Throwable error, Duration minBackoff) {
		if (error instanceof PiApiUnavailableException unavailable) {
			Duration extra = unavailable.retryAfter().map(delay -> delay.minus(minBackoff)).orElse(Duration.ZERO);
			if (extra.isNegative() || extra.isZero()) {
				return Mono.empty();
			}
			return Mono.delay(extra).then();
		}
		return Mono.empty();
	}

}
