package dev.piedge.sidecar.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.piedge.sidecar.fulfillment.OutboxMessage;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's contract, against the real PostgreSQL: who may claim and move a payment,
 * what a lost race returns, and that every move is written with exactly its history row,
 * or not at all.
 */
class PaymentLedgerIntegrationTests extends LedgerIntegrationTestSupport {

	private static final Duration LEASE = Duration.ofSeconds(90);

	private static final String TXID = "a".repeat(64);

	private static final String OTHER_TXID = "b".repeat(64);

	@Autowired
	PaymentLedger ledger;

	@Test
	void recordsAPaymentOnceWithItsFirstHistoryRow() {
		this.ledger.record(payment("pay-l-rec"), "read from Pi").block(WAIT);

		this.ledger.record(payment("pay-l-rec"), "read from Pi again")
			.as(StepVerifier::create)
			.assertNext(row -> assertThat(row.status()).isEqualTo(PaymentStatus.CREATED))
			.verifyComplete();
		assertThat(historyOf("pay-l-rec")).containsExactly(">CREATED:read from Pi");
	}

	@Test
	void theCallThatRecordsAPaymentHoldsTheClaimItBrought() {
		Claim first = claim("pay-l-rc", ClaimAction.APPROVE);
		Claim second = claim("pay-l-rc", ClaimAction.APPROVE);

		LedgerPayment recorded = this.ledger.record(payment("pay-l-rc"), "read from Pi", first).block(WAIT);
		LedgerPayment again = this.ledger.record(payment("pay-l-rc"), "read from Pi", second).block(WAIT);

		assertThat(first.heldBy(recorded)).isTrue();
		assertThat(recorded.claim()).isEqualTo(first);
		assertThat(second.heldBy(again)).isFalse();
		assertThat(first.heldBy(again)).isTrue();
	}

	@Test
	void aClaimSomeoneElseHoldsIsLost() {
		recorded("pay-l-lost");
		Claim mine = claim("pay-l-lost", ClaimAction.APPROVE);
		Claim theirs = claim("pay-l-lost", ClaimAction.CANCEL);
		this.ledger.claim(theirs, PaymentStatus.CREATED).block(WAIT);

		this.ledger.claim(mine, PaymentStatus.CREATED).as(StepVerifier::create).verifyComplete();

		assertThat(theirs.heldBy(this.ledger.find("pay-l-lost").block(WAIT))).isTrue();
	}

	@Test
	void aMoveWithTheWrongClaimTokenChangesNothing() {
		recorded("pay-l-token");
		Claim held = claim("pay-l-token", ClaimAction.APPROVE);
		LedgerPayment claimed = this.ledger.claim(held, PaymentStatus.CREATED).block(WAIT);
		Claim forged = new Claim("pay-l-token", ClaimAction.APPROVE, UUID.randomUUID(), held.until());
		long version = version("pay-l-token");

		this.ledger.move(Transition.of(claimed, PaymentStatus.APPROVED, "approved on Pi").underClaim(forged))
			.as(StepVerifier::create)
			.verifyComplete();

		assertThat(statusOf("pay-l-token")).isEqualTo("CREATED");
		assertThat(version("pay-l-token")).isEqualTo(version);
		assertThat(historyOf("pay-l-token")).containsExactly(">CREATED:read from Pi");
		this.ledger.release(forged).block(WAIT);
		assertThat(held.heldBy(this.ledger.find("pay-l-token").block(WAIT))).as("a forged release is a no-op").isTrue();
	}

	@Test
	void anExpiredClaimIsTakenOverAndItsFormerHolderCanNoLongerMove() {
		recorded("pay-l-expired");
		Claim crashed = claim("pay-l-expired", ClaimAction.APPROVE);
		LedgerPayment claimed = this.ledger.claim(crashed, PaymentStatus.CREATED).block(WAIT);

		this.clock.advance(LEASE.minusSeconds(1));
		this.ledger.claim(claim("pay-l-expired", ClaimAction.CANCEL), PaymentStatus.CREATED)
			.as(StepVerifier::create)
			.as("still held a second before it expires")
			.verifyComplete();

		this.clock.advance(Duration.ofSeconds(2));
		Claim successor = claim("pay-l-expired", ClaimAction.CANCEL);
		this.ledger.claim(successor, PaymentStatus.CREATED)
			.as(StepVerifier::create)
			.assertNext(row -> assertThat(successor.heldBy(row)).isTrue())
			.verifyComplete();

		this.ledger.move(Transition.of(claimed, PaymentStatus.APPROVED, "approved on Pi").underClaim(crashed))
			.as(StepVerifier::create)
			.verifyComplete();
		this.ledger.move(Transition.of(claimed, PaymentStatus.CANCELLED, "cancelled").underClaim(successor))
			.as(StepVerifier::create)
			.assertNext(row -> assertThat(row.status()).isEqualTo(PaymentStatus.CANCELLED))
			.verifyComplete();
		assertThat(historyOf("pay-l-expired")).containsExactly(">CREATED:read from Pi", "CREATED>CANCELLED:cancelled");
	}

	@Test
	void aDifferentTxidIsRefusedOnClaimAndOnCompletion() {
		LedgerPayment approved = approved("pay-l-txid");
		Claim first = claim("pay-l-txid", ClaimAction.COMPLETE);
		this.ledger.claim(first, PaymentStatus.APPROVED, TXID).block(WAIT);
		this.ledger.release(first).block(WAIT);

		this.ledger.claim(claim("pay-l-txid", ClaimAction.COMPLETE), PaymentStatus.APPROVED, OTHER_TXID)
			.as(StepVerifier::create)
			.verifyComplete();
		this.ledger.move(Transition.of(approved, PaymentStatus.COMPLETED, "completed on Pi").withTxid(OTHER_TXID))
			.as(StepVerifier::create)
			.verifyComplete();

		LedgerPayment current = this.ledger.find("pay-l-txid").block(WAIT);
		assertThat(current.txid()).isEqualTo(TXID);
		assertThat(current.status()).isEqualTo(PaymentStatus.APPROVED);
		this.ledger.move(Transition.of(approved, PaymentStatus.COMPLETED, "completed on Pi").withTxid(TXID))
			.as(StepVerifier::create)
			.assertNext(row -> assertThat(row.txid()).isEqualTo(TXID))
			.verifyComplete();
	}

	@Test
	void anIllegalMoveIsRefusedAndNothingIsWritten() {
		LedgerPayment created = recorded("pay-l-illegal");
		long version = version("pay-l-illegal");

		this.ledger.move(Transition.of(created, PaymentStatus.FAILED, "no such move"))
			.as(StepVerifier::create)
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(IllegalTransitionException.class)
				.hasMessage("user_to_app payment: CREATED -> FAILED is not an allowed move"))
			.verify(WAIT);

		assertThat(statusOf("pay-l-illegal")).isEqualTo("CREATED");
		assertThat(version("pay-l-illegal")).isEqualTo(version);
		assertThat(historyOf("pay-l-illegal")).containsExactly(">CREATED:read from Pi");
	}

	@Test
	void aFinishedPaymentCannotBeMovedAgain() {
		LedgerPayment approved = approved("pay-l-final");
		LedgerPayment completed = this.ledger
			.move(Transition.of(approved, PaymentStatus.COMPLETED, "completed on Pi").withTxid(TXID))
			.block(WAIT);

		this.ledger.move(Transition.of(completed, PaymentStatus.CANCELLED, "too late"))
			.as(StepVerifier::create)
			.expectError(IllegalTransitionException.class)
			.verify(WAIT);
		assertThat(statusOf("pay-l-final")).isEqualTo("COMPLETED");
	}

	@Test
	void aMoveFromAStatusThePaymentHasLeftIsLostAndWritesNothing() {
		LedgerPayment created = recorded("pay-l-stale");
		this.ledger.move(Transition.of(created, PaymentStatus.APPROVED, "approved on Pi")).block(WAIT);

		this.ledger.move(Transition.of(created, PaymentStatus.CANCELLED, "cancelled on Pi"))
			.as(StepVerifier::create)
			.verifyComplete();

		assertThat(historyOf("pay-l-stale")).containsExactly(">CREATED:read from Pi",
				"CREATED>APPROVED:approved on Pi");
	}

	@Test
	void onlyAPaymentThatEndsUnpaidKeepsItsReasonAsFailureReason() {
		LedgerPayment approved = approved("pay-l-reason");
		assertThat(approved.failureReason()).isNull();

		this.ledger.move(Transition.of(approved, PaymentStatus.FAILED, "txid_mismatch"))
			.as(StepVerifier::create)
			.assertNext(row -> assertThat(row.failureReason()).isEqualTo("txid_mismatch"))
			.verifyComplete();
	}

	@Test
	void aCompletionWritesItsWebhookEventInTheSameStatementOrNotAtAll() {
		LedgerPayment approved = approved("pay-l-hook");
		OutboxMessage webhook = new OutboxMessage(UUID.randomUUID(), "payment.completed", "uid-ledger",
				"{\"payment_id\":\"pay-l-hook\"}");

		this.ledger.claim(claim("pay-l-hook", ClaimAction.COMPLETE), PaymentStatus.APPROVED, TXID).block(WAIT);
		this.ledger
			.move(Transition.of(approved, PaymentStatus.COMPLETED, "completed on Pi")
				.withTxid(OTHER_TXID)
				.notifying(webhook))
			.as(StepVerifier::create)
			.as("another txid is stored: the move and its event are refused together")
			.verifyComplete();
		assertThat(outboxEvents("pay-l-hook")).isEmpty();

		this.ledger
			.move(Transition.of(approved, PaymentStatus.COMPLETED, "completed on Pi").withTxid(TXID).notifying(webhook))
			.block(WAIT);

		assertThat(outboxEvents("pay-l-hook")).containsExactly(webhook.id());
		assertThat(historyOf("pay-l-hook")).last().isEqualTo("APPROVED>COMPLETED:completed on Pi");
	}

	@Test
	void aPayoutIsRecordedCreatedAndMovesOnlyAlongItsOwnTable() {
		NewLedgerPayment payout = new NewLedgerPayment("pay-l-a2u", "uid-ledger", PaymentDirection.APP_TO_USER,
				"Pi Testnet", BigDecimal.ONE, "refund", "{}");

		LedgerPayment row = this.ledger.record(payout, "created on Pi").block(WAIT);
		assertThat(row.status()).isEqualTo(PaymentStatus.CREATED);

		// APPROVED is a User-to-App status: refused before any SQL.
		this.ledger.move(Transition.of(row, PaymentStatus.APPROVED, "approve"))
			.as(StepVerifier::create)
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(IllegalTransitionException.class)
				.hasMessageContaining("app_to_user"))
			.verify(WAIT);
		assertThat(this.ledger.move(Transition.of(row, PaymentStatus.SUBMITTED, "signed").withTxid("b".repeat(64)))
			.block(WAIT)
			.txid()).isEqualTo("b".repeat(64));
		assertThat(statusOf("pay-l-a2u")).isEqualTo("SUBMITTED");
		LedgerPayment submitted = this.ledger.find("pay-l-a2u").block(WAIT);
		this.ledger.move(Transition.of(submitted, PaymentStatus.COMPLETED, "completed on Pi")).block(WAIT);
		assertThat(statusOf("pay-l-a2u")).isEqualTo("COMPLETED");
	}

	@Test
	void findsOpenPaymentsWhoseClaimExpiredOrThatWentQuietOnlyForTheDirectionsAsked() {
		recorded("pay-l-quiet");
		LedgerPayment busy = recorded("pay-l-busy");
		this.ledger.claim(claim("pay-l-busy", ClaimAction.APPROVE), PaymentStatus.CREATED).block(WAIT);
		LedgerPayment done = approved("pay-l-done");
		this.ledger.move(Transition.of(done, PaymentStatus.COMPLETED, "completed").withTxid(TXID)).block(WAIT);

		this.clock.advance(LEASE.plusSeconds(1));

		List<String> unsettled = this.ledger
			.findUnsettled(Set.of(PaymentDirection.USER_TO_APP), this.clock.instant().minusSeconds(60), 1000)
			.map(LedgerPayment::piPaymentId)
			.collectList()
			.block(WAIT);
		assertThat(unsettled).contains("pay-l-quiet", busy.piPaymentId()).doesNotContain("pay-l-done");
		assertThat(this.ledger
			.findUnsettled(Set.of(PaymentDirection.APP_TO_USER), this.clock.instant().minusSeconds(60), 1000)
			.collectList()
			.block(WAIT)).isEmpty();
	}

	private LedgerPayment recorded(String piPaymentId) {
		return this.ledger.record(payment(piPaymentId), "read from Pi").block(WAIT);
	}

	private LedgerPayment approved(String piPaymentId) {
		return this.ledger.move(Transition.of(recorded(piPaymentId), PaymentStatus.APPROVED, "approved on Pi"))
			.block(WAIT);
	}

	private Claim claim(String piPaymentId, ClaimAction action) {
		return Claim.of(piPaymentId, action, this.clock.instant(), LEASE);
	}

	private static NewLedgerPayment payment(String piPaymentId) {
		return new NewLedgerPayment(piPaymentId, "uid-ledger", PaymentDirection.USER_TO_APP, "Pi Testnet",
				new BigDecimal("3.14"), "Green tea", "{\"productId\":\"tea\"}");
	}

	private List<UUID> outboxEvents(String piPaymentId) {
		return this.db
			.sql("SELECT o.id FROM outbox_event o JOIN payment p ON p.id = o.payment_id WHERE p.pi_payment_id = :id")
			.bind("id", piPaymentId)
			.map(row -> row.get(0, UUID.class))
			.all()
			.collectList()
			.block(WAIT);
	}

}
