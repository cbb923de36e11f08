package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One payment and its status flags. Immutable: every transition returns a new record,
 * which {@link PaymentStore} swaps in atomically.
 *
 * @param metadata a private copy of the JSON object the payment was created with; never
 * mutated
 * @param transaction null until the wallet side submitted the blockchain transaction
 */
record Payment(String identifier, String userUid, BigDecimal amount, String memo, JsonNode metadata, String fromAddress,
		String toAddress, Direction direction, Instant createdAt, String network, boolean developerApproved,
		boolean transactionVerified, boolean developerCompleted, boolean cancelled, boolean userCancelled,
		Transaction transaction) {

	/**
	 * The blockchain transaction of a payment.
	 *
	 * @param memo the text memo written on chain; Pi verifies it equals the payment
	 * identifier
	 */
	record Transaction(String txid, String memo, boolean verified, String link) {
	}

	/**
	 * A fresh payment: nothing submitted, completed or cancelled yet. A2U payments start
	 * approved, because the app created them itself and Pi refuses to approve them.
	 */
	static Payment open(String identifier, String userUid, BigDecimal amount, String memo, JsonNode metadata,
			String fromAddress, String toAddress, Direction direction, Instant createdAt, String network) {
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, direction == Direction.APP_TO_USER, false, false, false, false, null);
	}

	/** Neither completed nor cancelled by anyone. */
	boolean isOpen() {
		return !developerCompleted && !isCancelled();
	}

	boolean isCancelled() {
		return cancelled || userCancelled;
	}

	boolean hasTransaction() {
		return transaction != null;
	}

	/**
	 * What {@code Pi.authenticate} reports to {@code onIncompletePaymentFound}: a
	 * user-to-app payment the app's server has taken up (approved) or the user has paid
	 * (a transaction), but that nobody has completed or cancelled. Pi documents
	 * "submitted to the blockchain but not completed", and in practice also reports
	 * approved payments without a transaction (pi-platform-docs#40, #154); both need the
	 * app's server to finish them. An unapproved payment is left out: the server never
	 * saw it, and Pi cancels it after the approval timeout. Call on a {@linkplain #settle
	 * settled} payment.
	 */
	boolean isIncomplete() {
		return direction == Direction.USER_TO_APP && isOpen() && (developerApproved || hasTransaction());
	}

	/**
	 * Applies Pi's approval timer: a U2A payment still unapproved after
	 * {@code approvalTimeout} counts as cancelled. Evaluated whenever the payment is
	 * read, so no background timer is needed.
	 */
	Payment settle(Instant now, Duration approvalTimeout) {
		boolean timedOut = direction == Direction.USER_TO_APP && !developerApproved && isOpen()
				&& !now.isBefore(createdAt.plus(approvalTimeout));
		return timedOut ? withCancelled() : this;
	}

	Payment withApproved() {
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, true, transactionVerified, developerCompleted, cancelled, userCancelled, transaction);
	}

	Payment withTransaction(Transaction tx) {
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, developerApproved, transactionVerified, developerCompleted, cancelled, userCancelled, tx);
	}

	Payment withCompleted() {
		Transaction verified = new Transaction(transaction.txid(), transaction.memo(), true, transaction.link());
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, developerApproved, true, true, cancelled, userCancelled, verified);
	}

	Payment withCancelled() {
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, developerApproved, transactionVerified, developerCompleted, true, userCancelled, transaction);
	}

	Payment withUserCancelled() {
		return new Payment(identifier, userUid, amount, memo, metadata, fromAddress, toAddress, direction, createdAt,
				network, developerApproved, transactionVerified, developerCompleted, cancelled, true, transaction);
	}
}
