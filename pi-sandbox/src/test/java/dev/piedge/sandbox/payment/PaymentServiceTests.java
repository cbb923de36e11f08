package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.piedge.sandbox.SandboxIntegrationTest;
import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.horizon.EmulatedChain;
import dev.piedge.sandbox.user.SandboxUser;
import dev.piedge.sandbox.user.UserDirectory;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String TXID = "ab".repeat(32);

	private final MutableClock clock = new MutableClock(SandboxIntegrationTest.START);

	private final SandboxProperties properties = new SandboxProperties("k", "Pi Network",
			SandboxProperties.DEFAULT_APP_WALLET, null, Duration.ofSeconds(60),
			List.of(new SandboxProperties.User("t-dan", "u-dan", "dan", List.of("username"), Duration.ofHours(1), null,
					null),
					new SandboxProperties.User("t-eve", "u-eve", "eve", List.of("payments"), Duration.ofHours(1), null,
							null)),
			null);

	private final UserDirectory users = new UserDirectory(properties, clock);

	private final PaymentStore store = new PaymentStore(clock, properties);

	private final EmulatedChain chain = new EmulatedChain(properties, users, clock);

	private final PaymentService service = new PaymentService(store, new IdentifierGenerator(), users, properties,
			chain, clock);

	private final PaymentRequest request = new PaymentRequest(BigDecimal.ONE, "memo",
			JsonNodeFactory.instance.objectNode());

	@Test
	void userWithoutPaymentsScopeCannotStartAPayment() {
		SandboxUser dan = users.findByUid("u-dan").orElseThrow();

		service.createUserToApp(dan, request)
			.as(StepVerifier::create)
			.expectErrorSatisfies(ex -> assertThat(((PiApiException) ex).code()).isEqualTo("missing_scope"))
			.verify(TIMEOUT);
	}

	@Test
	void paymentCarriesTheConfiguredNetwork() {
		service.createAppToUser("u-eve", request)
			.as(StepVerifier::create)
			.assertNext(payment -> assertThat(payment.network()).isEqualTo("Pi Network"))
			.verifyComplete();
	}

	@Test
	void concurrentAppToUserCreatesLetExactlyOneThrough() {
		Flux.range(0, 32)
			.flatMap(i -> service.createAppToUser("u-eve", request)
				.map(payment -> "created")
				.onErrorResume(PiApiException.class, ex -> Mono.just(ex.code()))
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.as(StepVerifier::create)
			.assertNext(outcomes -> {
				assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
				assertThat(outcomes).filteredOn("ongoing_payment_found"::equals).hasSize(31);
			})
			.verifyComplete();
	}

	@Test
	void concurrentCompletesCompleteOnce() {
		Payment payment = service.createAppToUser("u-eve", request).block(TIMEOUT);
		Payment submitted = service.submitTransaction(payment.identifier(), null, "http://x/").block(TIMEOUT);
		String txid = submitted.transaction().txid();

		Flux.range(0, 16)
			.flatMap(i -> service.complete(payment.identifier(), txid)
				.map(completed -> "completed")
				.onErrorResume(PiApiException.class, ex -> Mono.just(ex.code()))
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.as(StepVerifier::create)
			.assertNext(outcomes -> {
				assertThat(outcomes).filteredOn("completed"::equals).hasSize(1);
				assertThat(outcomes).filteredOn("already_completed"::equals).hasSize(15);
			})
			.verifyComplete();
	}

	@Test
	void completeRefusesATransactionThatPaysAnotherAmount() {
		Payment payment = linkedToChainTransaction(new BigDecimal("2"), null);

		service.complete(payment.identifier(), TXID)
			.as(StepVerifier::create)
			.expectErrorSatisfies(
					ex -> assertThat(((PiApiException) ex).body()).containsEntry("error", "verification_failed")
						.containsEntry("verification_error", "tx_amount_mismatch"))
			.verify(TIMEOUT);
	}

	@Test
	void completeRefusesATransactionThatPaysAnotherDestination() {
		Payment payment = linkedToChainTransaction(BigDecimal.ONE,
				users.findByUid("u-dan").orElseThrow().walletAddress());

		service.complete(payment.identifier(), TXID)
			.as(StepVerifier::create)
			.expectErrorSatisfies(
					ex -> assertThat(((PiApiException) ex).body()).containsEntry("error", "verification_failed")
						.containsEntry("verification_error", "tx_destination_mismatch"))
			.verify(TIMEOUT);
	}

	@Test
	void completeAcceptsTheTransactionThatPaysThePayment() {
		Payment payment = linkedToChainTransaction(BigDecimal.ONE, null);

		service.complete(payment.identifier(), TXID)
			.as(StepVerifier::create)
			.assertNext(completed -> assertThat(completed.developerCompleted()).isTrue())
			.verifyComplete();
	}

	/**
	 * An A2U payment of 1 to eve whose transaction on chain pays {@code amount} to
	 * {@code destination} (null: eve's wallet): a state only a faulty chain could
	 * produce, which complete must still catch.
	 */
	private Payment linkedToChainTransaction(BigDecimal amount, String destination) {
		Payment payment = service.createAppToUser("u-eve", request).block(TIMEOUT);
		return chain
			.recordWalletTransaction(
					() -> store.update(payment.identifier(),
							open -> open
								.withTransaction(new Payment.Transaction(TXID, open.identifier(), false, "link"))),
					linked -> new EmulatedChain.WalletTransfer(TXID, linked.fromAddress(),
							(destination != null) ? destination : linked.toAddress(), amount, linked.identifier()));
	}

}
