package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry operator on Reactor's virtual time: attempts are counted and their start
 * times read from the virtual clock, so no test waits on the wall clock.
 */
class PiRetryOperatorTests {

	private static final String CALL = "GET /v2/payments/{id}";

	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);

	private static final Policy FAST = new Policy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0.0,
			Duration.ofSeconds(10));

	@Test
	void retriesUntilMaxAttemptsAndReturnsTheLastFailureUnwrapped() {
		List<Throwable> failures = new ArrayList<>();
		Attempts call = new Attempts(n -> {
			PiApiUnavailableException failure = PiApiUnavailableException.serverError(CALL, 503, null);
			failures.add(failure);
			return Mono.error(failure);
		});

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.thenAwait(Duration.ofMinutes(1))
			.expectErrorSatisfies(error -> assertThat(error).isSameAs(failures.get(2)))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(3);
	}

	@Test
	void succeedsOnTheAttemptAfterAFailure() {
		Attempts call = new Attempts(
				n -> n == 1 ? Mono.error(PiApiUnavailableException.serverError(CALL, 502, null)) : Mono.just("answer"));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(2);
	}

	static Stream<PiApiUnavailableException> retryableFailures() {
		return Stream.of(PiApiUnavailableException.timeout(CALL, Duration.ofSeconds(5)),
				PiApiUnavailableException.connection(CALL, new java.net.ConnectException("refused")),
				PiApiUnavailableException.serverError(CALL, 500, null),
				PiApiUnavailableException.rateLimited(CALL, null));
	}

	@ParameterizedTest
	@MethodSource("retryableFailures")
	void retriesTimeoutsConnectionFailuresServerErrorsAndRateLimits(PiApiUnavailableException failure) {
		Attempts call = new Attempts(n -> n == 1 ? Mono.error(failure) : Mono.just("answer"));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(2);
	}

	static Stream<Throwable> finalFailures() {
		return Stream.of(PiApiErrorException.of(CALL, 404, PiErrorCodes.PAYMENT_NOT_FOUND, null, null),
				PiApiErrorException.of(CALL, 400, "invalid_arguments", null, null),
				PiApiKeyRejectedException.rejected(401, CALL, "abc"), PiAccessTokenRejectedException.rejectedByPi(),
				PiApiUnavailableException.badResponse(CALL, "not JSON"), new IllegalStateException("a bug"));
	}

	@ParameterizedTest
	@MethodSource("finalFailures")
	void neverRetriesADefiniteRefusalOrAnUnreadableAnswer(Throwable failure) {
		Attempts call = new Attempts(n -> Mono.error(failure));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.expectErrorSatisfies(error -> assertThat(error).isSameAs(failure))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
	}

	@Test
	void makesASingleAttemptWhenMaxAttemptsIsOne() {
		Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.serverError(CALL, 503, null)));
		Policy once = new Policy(1, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, Duration.ofSeconds(10));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, once)))
			.expectError(PiApiUnavailableException.class)
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
	}

	@Test
	void doublesTheBackoffUpToMaxBackoffWithoutJitter() {
		Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.serverError(CALL, 503, null)));
		Policy policy = new Policy(5, Duration.ofMillis(100), Duration.ofMillis(300), 0.0, Duration.ofSeconds(10));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, policy)))
			.thenAwait(Duration.ofMinutes(1))
			.expectError(PiApiUnavailableException.class)
			.verify(VERIFY_TIMEOUT);
		assertThat(call.gaps()).containsExactly(100L, 200L, 300L, 300L);
	}

	@Test
	void spreadsEachBackoffWithinTheJitterBounds() {
		Policy policy = new Policy(4, Duration.ofMillis(100), Duration.ofSeconds(10), 0.5, Duration.ofSeconds(10));
		Set<Long> secondBackoffs = new HashSet<>();
		for (int run = 0; run < 20; run++) {
			Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.serverError(CALL, 503, null)));

			StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, policy)))
				.thenAwait(Duration.ofMinutes(1))
				.expectError(PiApiUnavailableException.class)
				.verify(VERIFY_TIMEOUT);

			List<Long> gaps = call.gaps();
			// 100, 200, 400 ms, each spread by up to half, never below min-backoff.
			assertThat(gaps.get(0)).isBetween(100L, 150L);
			assertThat(gaps.get(1)).isBetween(100L, 300L);
			assertThat(gaps.get(2)).isBetween(200L, 600L);
			secondBackoffs.add(gaps.get(1));
		}
		assertThat(secondBackoffs).as("jitter makes callers that failed together retry apart").hasSizeGreaterThan(1);
	}

	@Test
	void waitsOutRetryAfterBeforeTheBackoff() {
		Attempts call = new Attempts(n -> n == 1
				? Mono.error(PiApiUnavailableException.rateLimited(CALL, Duration.ofSeconds(5))) : Mono.just("answer"));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(5099))
			.then(() -> assertThat(call.count()).as("no attempt before Retry-After plus the backoff").isEqualTo(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.gaps()).containsExactly(5100L);
	}

	@Test
	void waitsOutARetryAfterThatAServerErrorCarries() {
		Attempts call = new Attempts(
				n -> n == 1 ? Mono.error(PiApiUnavailableException.serverError(CALL, 503, Duration.ofSeconds(2)))
						: Mono.just("answer"));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.thenAwait(Duration.ofSeconds(3))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.gaps()).containsExactly(2100L);
	}

	@Test
	void waitsOutARetryAfterEqualToTheCap() {
		Attempts call = new Attempts(
				n -> n == 1 ? Mono.error(PiApiUnavailableException.rateLimited(CALL, Duration.ofSeconds(10)))
						: Mono.just("answer"));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.thenAwait(Duration.ofSeconds(11))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(2);
	}

	@Test
	void failsAtOnceWhenRetryAfterExceedsTheCap() {
		PiApiUnavailableException limited = PiApiUnavailableException.rateLimited(CALL, Duration.ofSeconds(11));
		Attempts call = new Attempts(n -> Mono.error(limited));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.expectErrorSatisfies(error -> {
				assertThat(error).isSameAs(limited);
				assertThat(limited.retryAfter()).contains(Duration.ofSeconds(11));
			})
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
	}

	@Test
	void confirmedCallStopsWhenPisRecordShowsItTookEffect() {
		Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.timeout(CALL, Duration.ofSeconds(5))));
		Attempts confirmation = new Attempts(n -> Mono.just("approved"));

		StepVerifier
			.withVirtualTime(
					() -> call.mono().transformDeferred(PiRetryOperator.confirmed("approve", FAST, confirmation::mono)))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("approved")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).as("the state change is not repeated").isEqualTo(1);
		assertThat(confirmation.count()).isEqualTo(1);
	}

	@Test
	void confirmedCallIsRepeatedOnlyAfterPisRecordShowsItDidNotTakeEffect() {
		Attempts call = new Attempts(n -> n < 3 ? Mono.error(PiApiUnavailableException.serverError(CALL, 503, null))
				: Mono.just("approved"));
		Attempts confirmation = new Attempts(n -> Mono.empty());

		StepVerifier
			.withVirtualTime(
					() -> call.mono().transformDeferred(PiRetryOperator.confirmed("approve", FAST, confirmation::mono)))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("approved")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(3);
		assertThat(confirmation.count()).isEqualTo(2);
		assertThat(confirmation.times()).as("each read-back comes after the backoff, right before the call")
			.containsExactly(call.times().get(1), call.times().get(2));
	}

	@Test
	void confirmedCallIsNeverRepeatedWhilePisRecordCannotBeRead() {
		Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.timeout(CALL, Duration.ofSeconds(5))));
		List<Throwable> readFailures = new CopyOnWriteArrayList<>();
		Attempts confirmation = new Attempts(n -> {
			PiApiUnavailableException failure = PiApiUnavailableException.serverError(CALL, 503, null);
			readFailures.add(failure);
			return Mono.error(failure);
		});

		StepVerifier
			.withVirtualTime(
					() -> call.mono().transformDeferred(PiRetryOperator.confirmed("approve", FAST, confirmation::mono)))
			.thenAwait(Duration.ofMinutes(1))
			.expectErrorSatisfies(error -> assertThat(error).isSameAs(readFailures.get(1)))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
		assertThat(confirmation.count()).isEqualTo(2);
	}

	@Test
	void confirmedCallEndsOnADefiniteRefusalFromTheReadBack() {
		Attempts call = new Attempts(n -> Mono.error(PiApiUnavailableException.timeout(CALL, Duration.ofSeconds(5))));
		PiApiErrorException notFound = PiApiErrorException.of(CALL, 404, PiErrorCodes.PAYMENT_NOT_FOUND, null, null);
		Attempts confirmation = new Attempts(n -> Mono.error(notFound));

		StepVerifier
			.withVirtualTime(
					() -> call.mono().transformDeferred(PiRetryOperator.confirmed("approve", FAST, confirmation::mono)))
			.thenAwait(Duration.ofMinutes(1))
			.expectErrorSatisfies(error -> assertThat(error).isSameAs(notFound))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
		assertThat(confirmation.count()).isEqualTo(1);
	}

	@Test
	void confirmedCallIsNeitherConfirmedNorRetriedAfterADefiniteRefusal() {
		PiApiErrorException refused = PiApiErrorException.of(CALL, 400, "already_completed", null, null);
		Attempts call = new Attempts(n -> Mono.error(refused));
		Attempts confirmation = new Attempts(n -> Mono.just("completed"));

		StepVerifier.withVirtualTime(
				() -> call.mono().transformDeferred(PiRetryOperator.confirmed("complete", FAST, confirmation::mono)))
			.expectErrorSatisfies(error -> assertThat(error).isSameAs(refused))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
		assertThat(confirmation.count()).isZero();
	}

	@Test
	void confirmedCallFollowsTheSameRetryAfterRule() {
		Attempts call = new Attempts(
				n -> n == 1 ? Mono.error(PiApiUnavailableException.rateLimited(CALL, Duration.ofSeconds(3)))
						: Mono.error(PiApiUnavailableException.rateLimited(CALL, Duration.ofSeconds(30))));
		Attempts confirmation = new Attempts(n -> Mono.empty());

		StepVerifier
			.withVirtualTime(
					() -> call.mono().transformDeferred(PiRetryOperator.confirmed("approve", FAST, confirmation::mono)))
			.thenAwait(Duration.ofMinutes(1))
			.expectErrorSatisfies(error -> assertThat(((PiApiUnavailableException) error).retryAfter())
				.contains(Duration.ofSeconds(30)))
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).as("30 s exceeds the cap: no third attempt").isEqualTo(2);
		assertThat(call.gaps()).containsExactly(3100L);
		assertThat(confirmation.count()).isEqualTo(1);
	}

	@Test
	void aTimeoutOfTheWholeCallIsNotRetried() {
		Attempts call = new Attempts(n -> Mono.error(new TimeoutException("outer")));

		StepVerifier.withVirtualTime(() -> call.mono().transformDeferred(PiRetryOperator.idempotent(CALL, FAST)))
			.expectError(TimeoutException.class)
			.verify(VERIFY_TIMEOUT);
		assertThat(call.count()).isEqualTo(1);
	}

	record Policy(int maxAttempts, Duration minBackoff, Duration maxBackoff, double jitter,
			Duration maxRetryAfter) implements PiRetryPolicy {
	}

	/**
	 * A call whose n-th subscription (from 1) gets {@code outcome.apply(n)}; records when
	 * each attempt started on the virtual clock.
	 */
	static final class Attempts {

		private final IntFunction<Mono<String>> outcome;

		private final List<Long> times = new CopyOnWriteArrayList<>();

		Attempts(IntFunction<Mono<String>> outcome) {
			this.outcome = outcome;
		}

		Mono<String> mono() {
			return Mono.defer(() -> {
				this.times.add(VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS));
				return this.outcome.apply(this.times.size());
			});
		}

		int count() {
			return this.times.size();
		}

		List<Long> times() {
			return List.copyOf(this.times);
		}

		/** Milliseconds between the starts of consecutive attempts. */
		List<Long> gaps() {
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < this.times.size(); i++) {
				gaps.add(this.times.get(i) - this.times.get(i - 1));
			}
			return gaps;
		}

	}

}
