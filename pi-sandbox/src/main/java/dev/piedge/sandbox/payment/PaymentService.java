package dev.piedge.sandbox.payment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.horizon.EmulatedChain;
import dev.piedge.sandbox.horizon.LandedTransaction;
import dev.piedge.sandbox.user.SandboxUser;
import dev.piedge.sandbox.user.UserDirectory;

/**
 * The payment state machine: which transition is allowed in which state, and which Pi
 * error code refuses it. Transitions run inside {@link PaymentStore} so check and change
 * are one atomic step.
 */
@Component
class PaymentService {

	private final PaymentStore store;

	private final IdentifierGenerator ids;

	private final UserDirectory users;

	private final SandboxProperties properties;

	private final EmulatedChain chain;

	private final Clock clock;

	PaymentService(PaymentStore store, IdentifierGenerator ids, UserDirectory users, SandboxProperties properties,
			EmulatedChain chain, Clock clock) {
		this.store = store;
		this.ids = ids;
		this.users = users;
		this.properties = properties;
		this.chain = chain;
		this.clock = clock;
	}

	Mono<Payment> find(String identifier) {
		return Mono.fromCallable(() -> store.find(identifier))
			.flatMap(Mono::justOrEmpty)
			.switchIfEmpty(Mono.error(() -> PiApiException.paymentNotFound(identifier)));
	}

	Mono<Payment> findByTxid(String txid) {
		return Mono.fromCallable(() -> store.findByTxid(txid)).flatMap(Mono::justOrEmpty);
	}

	Mono<List<Payment>> all() {
		return Mono.fromCallable(store::all);
	}

	/**
	 * A2U payments neither completed nor cancelled: at most one, since a second cannot be
	 * created.
	 */
	Mono<List<Payment>> incompleteServerPayments() {
		return all().map(payments -> payments.stream()
			.filter(payment -> payment.direction() == Direction.APP_TO_USER && payment.isOpen())
			.toList());
	}

	/**
	 * The user's payment that {@code onIncompletePaymentFound} reports (see
	 * {@link Payment#isIncomplete}); there is at most one, since starting a payment
	 * cancels or refuses the user's open one.
	 */
	Mono<Optional<Payment>> incompleteUserToApp(SandboxUser user) {
		return all().map(payments -> payments.stream()
			.filter(payment -> payment.userUid().equals(user.uid()) && payment.isIncomplete())
			.findFirst());
	}

	/**
	 * One of the user's own user-to-app payments; anyone else's is
	 * {@code payment_not_found}, so a user cannot probe for others' payments.
	 */
	Mono<Payment> findUserToApp(String identifier, SandboxUser payer) {
		return find(identifier).filter(payment -> isPayer(payment, payer))
			.switchIfEmpty(Mono.error(() -> PiApiException.paymentNotFound(identifier)));
	}

	Mono<Void> clear() {
		return Mono.fromRunnable(store::clear);
	}

	/**
	 * The user starts {@code Pi.createPayment}; an older open U2A payment is cancelled,
	 * or blocks if it has a tx.
	 */
	Mono<Payment> createUserToApp(SandboxUser user, PaymentRequest request) {
		if (!user.hasScope("payments")) {
			return Mono.error(PiApiException.missingScope("payments"));
		}
		return Mono.fromCallable(() -> store.insert(
				Payment.open(ids.paymentIdentifier(), user.uid(), request.amount(), request.memo(), request.metadata(),
						user.walletAddress(), properties.appWalletAddress(), Direction.USER_TO_APP, clock.instant(),
						properties.network()),
				other -> other.direction() == Direction.USER_TO_APP && other.userUid().equals(user.uid()),
				PaymentService::cancelUnlessSubmitted));
	}

	/**
	 * {@code POST /v2/payments}: the app pays a user; only one A2U payment may be open at
	 * a time.
	 */
	Mono<Payment> createAppToUser(String uid, PaymentRequest request) {
		SandboxUser user = users.findByUid(uid).orElse(null);
		if (user == null) {
			return Mono.error(PiApiException.userNotFound(uid));
		}
		return Mono.fromCallable(() -> store.insert(
				Payment.open(ids.paymentIdentifier(), user.uid(), request.amount(), request.memo(), request.metadata(),
						properties.appWalletAddress(), user.walletAddress(), Direction.APP_TO_USER, clock.instant(),
						properties.network()),
				other -> other.direction() == Direction.APP_TO_USER, PaymentService::refuseAsOngoing));
	}

	Mono<Payment> approve(String identifier) {
		return Mono.fromCallable(() -> store.update(identifier, PaymentService::approve));
	}

	/**
	 * Pi verifies the transaction on chain: the chain is read first, outside the store's
	 * monitor, because the chain takes that monitor inside its own.
	 */
	Mono<Payment> complete(String identifier, String txid) {
		return Mono.fromCallable(() -> {
			LandedTransaction landed = chain.transaction(txid).orElse(null);
			return store.update(identifier, payment -> complete(payment, txid, landed));
		});
	}

	Mono<Payment> cancel(String identifier) {
		return Mono.fromCallable(() -> store.update(identifier, PaymentService::cancel));
	}

	Mono<Payment> userCancel(String identifier) {
		return Mono.fromCallable(() -> store.update(identifier, PaymentService::userCancel));
	}

	/**
	 * The wallet signs and submits the blockchain transaction. {@code memo} defaults to
	 * the identifier, which is what a correct client writes; another memo makes the later
	 * complete fail verification.
	 */
	Mono<Payment> submitTransaction(String identifier, String memo, String linkBase) {
		return Mono.fromCallable(() -> chain.recordWalletTransaction(
				() -> store.update(identifier, payment -> withTransaction(payment, memo, linkBase)),
				PaymentService::walletTransfer));
	}

	/**
	 * The payer's wallet signs and submits the transaction of one of their own
	 * user-to-app payments, with the identifier as memo (what the Pi Browser writes).
	 */
	Mono<Payment> submitTransactionAsPayer(String identifier, SandboxUser payer, String linkBase) {
		return Mono.fromCallable(() -> chain.recordWalletTransaction(
				() -> store.update(identifier,
						payment -> withTransaction(requirePayer(payment, payer), null, linkBase)),
				PaymentService::walletTransfer));
	}

	/** What the wallet's transaction pays, as it lands on the emulated chain. */
	private static EmulatedChain.WalletTransfer walletTransfer(Payment payment) {
		return new EmulatedChain.WalletTransfer(payment.transaction().txid(), payment.fromAddress(),
				payment.toAddress(), payment.amount(), payment.transaction().memo());
	}

	/** The payer rejects one of their own user-to-app payments in the wallet. */
	Mono<Payment> userCancelAsPayer(String identifier, SandboxUser payer) {
		return Mono.fromCallable(() -> store.update(identifier, payment -> userCancel(requirePayer(payment, payer))));
	}

	private Payment withTransaction(Payment payment, String memo, String linkBase) {
		refuseUnlessOpen(payment);
		if (payment.hasTransaction()) {
			throw PiApiException.alreadyLinkedWithTx(PaymentDto.of(payment));
		}
		if (payment.direction() == Direction.USER_TO_APP && !payment.developerApproved()) {
			throw PiApiException.notApprovedForTransaction();
		}
		String txid = ids.txid();
		return payment.withTransaction(
				new Payment.Transaction(txid, (memo != null) ? memo : payment.identifier(), false, linkBase + txid));
	}

	private static boolean isPayer(Payment payment, SandboxUser user) {
		return payment.direction() == Direction.USER_TO_APP && payment.userUid().equals(user.uid());
	}

	private static Payment requirePayer(Payment payment, SandboxUser user) {
		if (!isPayer(payment, user)) {
			throw PiApiException.paymentNotFound(payment.identifier());
		}
		return payment;
	}

	private static Payment approve(Payment payment) {
		if (payment.direction() == Direction.APP_TO_USER) {
			throw PiApiException.approveNotAllowed();
		}
		if (payment.isCancelled()) {
			throw PiApiException.cancelledPayment(PaymentDto.of(payment));
		}
		// The SDK re-fires onReadyForServerApproval, so a repeated approve must succeed
		// unchanged.
		return payment.developerApproved() ? payment : payment.withApproved();
	}

	/**
	 * Completes when {@code txid} is the payment's transaction and, on chain, pays the
	 * payment: memo = identifier, to its {@code to_address}, its amount.
	 * @param landed the transaction {@code txid} names on the chain, or null
	 */
	private static Payment complete(Payment payment, String txid, LandedTransaction landed) {
		refuseUnlessOpen(payment);
		if (payment.direction() == Direction.USER_TO_APP && !payment.developerApproved()) {
			throw PiApiException.notApprovedForCompletion();
		}
		if (!payment.hasTransaction() || landed == null) {
			throw PiApiException.txidMismatch();
		}
		if (!payment.transaction().txid().equals(txid)) {
			// Another transaction for this payment landed: a second payment on chain.
			if (landed.successful() && payment.identifier().equals(landed.memo())) {
				throw PiApiException.linkedWithAnotherTx();
			}
			throw PiApiException.txidMismatch();
		}
		if (!payment.identifier().equals(landed.memo())) {
			throw PiApiException.memoMismatch();
		}
		if (!payment.toAddress().equals(landed.destination())) {
			throw PiApiException.destinationMismatch();
		}
		if (payment.amount().compareTo(landed.amount()) != 0) {
			throw PiApiException.amountMismatch();
		}
		return payment.withCompleted();
	}

	private static Payment cancel(Payment payment) {
		refuseUnlessOpen(payment);
		if (payment.hasTransaction()) {
			throw PiApiException.paymentTxPresent();
		}
		return payment.withCancelled();
	}

	private static Payment userCancel(Payment payment) {
		if (payment.direction() == Direction.APP_TO_USER) {
			throw PiApiException.userCancelNotAllowed();
		}
		refuseUnlessOpen(payment);
		if (payment.hasTransaction()) {
			throw PiApiException.paymentTxPresent();
		}
		return payment.withUserCancelled();
	}

	private static void refuseUnlessOpen(Payment payment) {
		if (payment.developerCompleted()) {
			throw PiApiException.alreadyCompleted(PaymentDto.of(payment));
		}
		if (payment.isCancelled()) {
			throw PiApiException.cancelledPayment(PaymentDto.of(payment));
		}
	}

	private static Payment cancelUnlessSubmitted(Payment older) {
		if (older.hasTransaction()) {
			throw PiApiException.ongoingPayment(PaymentDto.of(older));
		}
		return older.withCancelled();
	}

	private static Payment refuseAsOngoing(Payment open) {
		throw PiApiException.ongoingPayment(PaymentDto.of(open));
	}

}
