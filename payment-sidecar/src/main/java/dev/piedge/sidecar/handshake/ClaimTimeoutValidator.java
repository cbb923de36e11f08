package dev.piedge.sidecar.handshake;

import java.math.BigDecimal;
import java.time.Duration;

import dev.piedge.pi.client.PiApiProperties;
import dev.piedge.sidecar.order.OrderVerificationProperties;
import dev.piedge.sidecar.pi.PiCallProperties;

import org.springframework.stereotype.Component;

/**
 * Stops start-up when {@code pi.payments.claim-timeout} does not outlast the longest
 * piece of work done under a claim: a state-changing Pi call with all its retries, plus
 * the order hook before an approval. A claim that expires while its holder is still
 * working lets a second instance, or the reconciler, act on the same payment.
 *
 * <p>
 * This is a bean, not a check in {@link HandshakeProperties}: each properties record is
 * bound on its own, and the Pi call settings live in two other records ({@code pi.api.*},
 * from the Pi client module, and {@code pi.payments.pi-calls.*}). Only here are all of
 * them known.
 */
@Component
class ClaimTimeoutValidator {

	ClaimTimeoutValidator(HandshakeProperties handshake, PiApiProperties api, PiCallProperties calls,
			OrderVerificationProperties verification) {
		Duration piCall = longestPiCall(api, calls);
		Duration hook = (verification.mode() == OrderVerificationProperties.Mode.HOOK) ? verification.hook().timeout()
				: Duration.ZERO;
		Duration longest = piCall.plus(hook);
		if (handshake.claimTimeout().compareTo(longest) <= 0) {
			String hookPart = hook.isZero() ? ""
					: "the order hook (pi.payments.verification.hook.timeout " + seconds(hook) + ") plus ";
			throw new IllegalArgumentException(HandshakeProperties.PREFIX + "claim-timeout ("
					+ seconds(handshake.claimTimeout()) + ") must be longer than " + hookPart
					+ "a Pi call with all its retries, which can take " + seconds(piCall) + " here (pi.api.timeout "
					+ seconds(api.timeout()) + "; pi.api.retry.max-attempts " + api.retry().maxAttempts()
					+ ", max-backoff " + seconds(api.retry().maxBackoff()) + "; pi.payments.pi-calls.max-attempts "
					+ calls.maxAttempts() + ", max-backoff " + seconds(calls.maxBackoff()) + ", max-retry-after "
					+ seconds(calls.maxRetryAfter()) + "). A claim that expires while its holder still works lets "
					+ "a second instance act on the payment too. Raise pi.payments.claim-timeout above "
					+ seconds(longest) + " or lower those settings.");
		}
	}

	/**
	 * The longest a state-changing Pi call can take, as {@code PiPaymentsClient} makes
	 * it: the first attempt, then for each retry Pi's {@code Retry-After} (at most
	 * {@code pi-calls.max-retry-after}; longer ones are not waited for), the backoff (at
	 * most {@code pi-calls.max-backoff}, jitter included), a read-back of Pi's record
	 * (itself retried by the client) and the attempt. Every attempt is bounded by
	 * {@code pi.api.timeout}, connecting included.
	 */
	static Duration longestPiCall(PiApiProperties api, PiCallProperties calls) {
		Duration attempt = api.timeout();
		Duration betweenAttempts = calls.maxRetryAfter().plus(calls.maxBackoff());
		Duration retry = betweenAttempts.plus(longestRead(api)).plus(attempt);
		return attempt.plus(retry.multipliedBy(calls.maxAttempts() - 1L));
	}

	/**
	 * The longest an idempotent read can take with the client's own retries: each pause
	 * waits out a {@code Retry-After} of at most {@code max-backoff} less
	 * {@code min-backoff}, then a backoff of at most {@code max-backoff}.
	 */
	static Duration longestRead(PiApiProperties api) {
		PiApiProperties.Retry retry = api.retry();
		// PiRetryOperator waits out a Retry-After (at most maxRetryAfter) and then the
		// backoff.
		Duration pause = retry.maxRetryAfter().plus(retry.maxBackoff());
		return api.timeout().multipliedBy(retry.maxAttempts()).plus(pause.multipliedBy(retry.maxAttempts() - 1L));
	}

	/** {@code 87s}: easier to compare than {@code PT1M26.2S}. */
	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
	}

}
