package dev.piedge.sandbox.fault;

import org.junit.jupiter.api.Test;

import dev.piedge.sandbox.error.PiApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FaultRegistryTests {

	private final FaultRegistry registry = new FaultRegistry();

	@Test
	void ruleWithTimesAppliesThatOftenThenDisappears() {
		registry.add(rule("me", 500, 2));

		assertThat(registry.take(PiEndpoint.ME)).isPresent();
		assertThat(registry.take(PiEndpoint.ME)).isPresent();
		assertThat(registry.take(PiEndpoint.ME)).isEmpty();
		assertThat(registry.list()).isEmpty();
	}

	@Test
	void ruleWithoutTimesStaysUntilCleared() {
		registry.add(rule("*", 503, null));

		for (int i = 0; i < 5; i++) {
			assertThat(registry.take(PiEndpoint.PAYMENTS_GET)).isPresent();
		}
		registry.clear();
		assertThat(registry.take(PiEndpoint.PAYMENTS_GET)).isEmpty();
	}

	@Test
	void firstMatchingRuleWins() {
		registry.add(rule("payments.get", 500, 1));
		registry.add(rule("*", 503, null));

		assertThat(registry.take(PiEndpoint.ME)).get().extracting(FaultRule::status).isEqualTo(503);
		assertThat(registry.take(PiEndpoint.PAYMENTS_GET)).get().extracting(FaultRule::status).isEqualTo(500);
		assertThat(registry.take(PiEndpoint.PAYMENTS_GET)).get().extracting(FaultRule::status).isEqualTo(503);
	}

	@Test
	void tooManyRequestsDefaultsRetryAfterToOneSecond() {
		assertThat(registry.add(rule("me", 429, null)).retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void retryAfterWithoutStatus429IsRejected() {
		assertThatExceptionOfType(PiApiException.class)
			.isThrownBy(() -> registry.add(new FaultRule(null, "me", null, 503, 5, null, null, null, null)))
			.withMessageContaining("retryAfterSeconds");
	}

	@Test
	void listShowsRemainingCalls() {
		registry.add(rule("me", 500, 3));
		registry.take(PiEndpoint.ME);

		assertThat(registry.list()).singleElement().extracting(FaultRegistry.FaultView::remaining).isEqualTo(2);
	}

	@Test
	void appliedNeedsAnAnswerToReplace() {
		assertThatExceptionOfType(PiApiException.class)
			.isThrownBy(
					() -> registry.add(new FaultRule(null, "horizon.submit", 100L, null, null, null, null, true, null)))
			.withMessageContaining("'applied'");
		assertThat(
				registry.add(new FaultRule(null, "horizon.submit", null, 504, null, null, 1, true, null)).isApplied())
			.isTrue();
		assertThat(
				registry.add(new FaultRule(null, "horizon.submit", null, null, null, true, 1, true, null)).isApplied())
			.isTrue();
	}

	@Test
	void resultCodeIsForHorizonSubmissionsOnlyAndIsTheWholeAnswer() {
		assertThat(registry.add(new FaultRule(null, "horizon.submit", null, null, null, null, 1, null, "tx_bad_seq"))
			.resultCode()).isEqualTo("tx_bad_seq");
		assertThatExceptionOfType(PiApiException.class)
			.isThrownBy(() -> registry.add(new FaultRule(null, "*", null, null, null, null, 1, null, "tx_bad_seq")))
			.withMessageContaining("horizon.submit");
		assertThatExceptionOfType(PiApiException.class)
			.isThrownBy(() -> registry
				.add(new FaultRule(null, "horizon.submit", null, null, null, null, 1, null, "op_underfunded")))
			.withMessageContaining("tx_bad_seq");
		assertThatExceptionOfType(PiApiException.class)
			.isThrownBy(() -> registry
				.add(new FaultRule(null, "horizon.submit", null, null, null, true, 1, null, "tx_bad_seq")))
			.withMessageContaining("cannot be combined");
	}

	@Test
	void wildcardAppliesToHorizonEndpointsToo() {
		registry.add(rule("*", 503, null));

		assertThat(registry.take(PiEndpoint.HORIZON_SUBMIT)).isPresent();
	}

	private static FaultRule rule(String endpoint, Integer status, Integer times) {
		return new FaultRule(null, endpoint, null, status, null, null, times, null, null);
	}

}
