package dev.piedge.pi.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one retry policy for Pi calls, applied with {@code transformDeferred}:
 * {@code pi.getPayment(id).transformDeferred(PiRetryOperator.idempotent(...))}.
 *
 * <p>
 * What is retried: a {@link PiApiUnavailableException} that says the outcome is unknown
 * (timeout, connection failure, 5xx, 429). Never a definite answer (a 4xx such as
 * {@link PiApiErrorException}, {@link PiApiKeyRejectedException},
 * {@link PiAccessTokenRejectedException}), an unreadable one ({@code BAD_RESPONSE}, which
 * is not expected to change), or any other error.
 *
 * <p>
 * How: at most {@link PiRetryPolicy#maxAttempts()} attempts, with Reactor's exponential
 * backoff ({@code Retry.backoff}) from {@code minBackoff} doubling up to
 * {@code maxBackoff}, spread by {@code jitter}. The {@code Retry-After} rule: when Pi's
 * failure carries a {@code Retry-After} no longer than {@code maxRetryAfter}, it is
 * waited out first and the backoff follows, so callers that Pi sent away together do not
 * come back together; a longer one ends the retries at once. When retries end, the caller
 * gets the last failure as it was, never wrapped, so a {@code Retry-After} it carries can
 * be passed on.
 *
 * <p>
 * Two factories:
 * <ul>
 * <li>{@link #idempotent(String, PiRetryPolicy)} for reads ({@code GET /v2/me},
 * {@code GET /v2/payments/{id}}): the call is simply made again.</li>
 * <li>{@link #confirmed(String, PiRetryPolicy, Supplier)} for state changes (approve,
 * complete, cancel), where a failed attempt may still have taken effect: before each
 * retry the caller's confirmation reads Pi's record back. If it shows the change, that
 * record is the result and the call is not repeated; if it does not, the call is made
 * again. A read that fails counts as that attempt's failure, under the same rules: the
 * next attempt starts with the read again, so a state change is never repeated unless
 * Pi's record says it did not happen.</li>
 * </ul>
 *
 * @param <T> the call's result
 */
public final class PiRetryOperator<T> implements UnaryOperator<Mono<T>> {

	private static final Logger log = LoggerFactory.getLogger(PiRetryOperator.class);

	private final String call;

	private final PiRetryPolicy policy;

	private final Supplier<Mono<T>> confirmation;

	private PiRetryOperator(String call, PiRetryPolicy policy, Supplier<Mono<T>> confirmation) {
		this.call = Objects.requireNonNull(call, "call");
		this.policy = Objects.requireNonNull(policy, "policy");
		this.confirmation = confirmation;
	}

	/**
	 * Retries a call that can be made any number of times without changing anything.
	 * @param <T> the call's result
	 * @param call names the call in log lines, e.g. {@code GET /v2/me}; never a token
	 * @param policy attempts, backoff, jitter and the {@code Retry-After} cap
	 * @return the operator
	 */
	public static <T> PiRetryOperator<T> idempotent(String call, PiRetryPolicy policy) {
		return new PiRetryOperator<>(call, policy, null);
	}

	/**
	 * Retries a state-changing call, reading Pi's record back before each retry.
	 * @param <T> the call's result
	 * @param call names the call in log lines, e.g. {@code approve of payment <id>}
	 * @param policy attempts, backoff, jitter and the {@code Retry-After} cap
	 * @param confirmation gives a read of Pi's record that emits it when the call already
	 * took effect and completes empty when it did not; it may fail like any Pi call
	 * @return the operator
	 */
	public static <T> PiRetryOperator<T> confirmed(String call, PiRetryPolicy policy, Supplier<Mono<T>> confirmation) {
		return new PiRetryOperator<>(call, policy, Objects.requireNonNull(confirmation, "confirmation"));
	}

	/**
	 * Applies the retries to one call.
	 * @param attempt one attempt of the call; subscribed once per attempt
	 * @return the call with retries
	 */
	@Override
	public Mono<T> apply(Mono<T> attempt) {
		if (this.policy.maxAttempts() <= 1) {
			return attempt;
		}
		Retry retry = retry();
		if (this.confirmation == null) {
			return attempt.retryWhen(retry);
		}
		return Mono.defer(() -> {
			// Per subscription: only the first attempt goes to Pi without a read-back.
			AtomicBoolean first = new AtomicBoolean(true);
			return Mono.defer(() -> first.getAndSet(false) ? attempt
					: this.confirmation.get().switchIfEmpty(Mono.defer(() -> attempt)))
				.retryWhen(retry);
		});
	}

	private Retry retry() {
		Level level = (this.confirmation != null) ? Level.INFO : Level.DEBUG;
		return Retry.backoff(this.policy.maxAttempts() - 1L, this.policy.minBackoff())
			.maxBackoff(this.policy.maxBackoff())
			.jitter(this.policy.jitter())
			.filter(this::isRetryable)
			.doBeforeRetryAsync(signal -> {
				log.atLevel(level)
					.log("Pi {} failed ({}); retry {} of {}", this.call, describe(signal.failure()),
							signal.totalRetries() + 1, this.policy.maxAttempts() - 1);
				return waitOutRetryAfter(signal.failure());
			})
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	private boolean isRetryable(Throwable failure) {
		return failure instanceof PiApiUnavailableException unavailable
				&& unavailable.reason() != PiApiUnavailableException.Reason.BAD_RESPONSE
				&& unavailable.retryAfter()
					.map(delay -> delay.compareTo(this.policy.maxRetryAfter()) <= 0)
					.orElse(true);
	}

	private static Mono<Void> waitOutRetryAfter(Throwable failure) {
		Duration delay = (failure instanceof PiApiUnavailableException unavailable)
				? unavailable.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
		// Mono.delay looks its scheduler up on each call, so tests on virtual time
		// control this wait as well as the backoff.
		return (delay.isZero() || delay.isNegative()) ? Mono.empty() : Mono.delay(delay).then();
	}

	private static String describe(Throwable failure) {
		return (failure instanceof PiApiUnavailableException unavailable) ? unavailable.reason().name()
				: failure.getClass().getSimpleName();
	}

}
