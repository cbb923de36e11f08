package dev.piedge.sidecar.payout;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.piedge.sidecar.polling.PollingLoop;
import dev.piedge.pi.client.NewPayment;
import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiErrorCodes;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.pi.client.TxId;
import dev.piedge.sidecar.chain.AppWallet;
import dev.piedge.sidecar.chain.HorizonClient;
import dev.piedge.sidecar.chain.PayoutTransactionSigner;
import dev.piedge.sidecar.chain.PayoutTransfer;
import dev.piedge.sidecar.chain.PiNetwork;
import dev.piedge.sidecar.chain.SubmitOutcome;
import dev.piedge.sidecar.chain.TransactionLookup;
import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.fulfillment.OutboxMessage;
import dev.piedge.sidecar.fulfillment.PayoutEventData;
import dev.piedge.sidecar.ledger.LedgerPayment;
import dev.piedge.sidecar.ledger.NewLedgerPayment;
import dev.piedge.sidecar.ledger.PaymentDirection;
import dev.piedge.sidecar.ledger.PaymentLedger;
import dev.piedge.sidecar.ledger.PaymentStatus;
import dev.piedge.sidecar.ledger.Transition;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays the open payouts, oldest first, one at a time across every sidecar instance: it
 * works only while it holds the A2U lease row ({@code payout_lease}), because Pi allows
 * one open App-to-User payment per app. Each step starts from what is stored, so a fresh
 * worker (after a crash, on any instance) resumes where the dead one stopped:
 * <ol>
 * <li>no Pi payment: create it on Pi and store its identifier at once (a create whose
 * answer was lost comes back as {@code ongoing_payment_found} with our payout id in its
 * metadata, and is adopted);</li>
 * <li>no transaction: check the app wallet against Pi's {@code from_address}, build and
 * sign it, and store txid and envelope before submitting;</li>
 * <li>a stored transaction: look it up on Horizon; submit the same envelope only if it
 * never landed;</li>
 * <li>landed: complete the payment on Pi, and write the COMPLETED move with its
 * {@code payout.completed} webhook.</li>
 * </ol>
 * A step whose outcome is unknown (a timeout) leaves the payout as it is for the next
 * run.
 */
@Component
class PayoutWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PayoutWorker.class);

	/**
	 * Written into the Pi payment's metadata, to recognise our own after a lost answer.
	 */
	static final String PAYOUT_ID_METADATA = "pi_edge_payout_id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Bounds one drain, so a payout that cannot move does not hold the lease forever. */
	private static final int MAX_STEPS_PER_DRAIN = 1000;

	private final PayoutRepository payouts;

	private final PaymentLedger ledger;

	private final PiPlatformClient pi;

	private final PiPaymentsClient piPayments;

	private final HorizonClient horizon;

	private final PayoutTransactionSigner signer;

	private final AppWallet wallet;

	private final FulfillmentOutbox outbox;

	private final PayoutProperties properties;

	private final PayoutWalletCheck walletCheck;

	private final Clock clock;

	/** This worker's identity in the lease row; a new one per worker, so per process. */
	private final UUID holder = UUID.randomUUID();

	private final PollingLoop loop = new PollingLoop();

	private volatile Disposable walletChecking;

	PayoutWorker(PayoutRepository payouts, PaymentLedger ledger, PiPlatformClient pi, PiPaymentsClient piPayments,
			HorizonClient horizon, PayoutTransactionSigner signer, AppWallet wallet, FulfillmentOutbox outbox,
			PayoutProperties properties, PayoutWalletCheck walletCheck, Clock clock) {
		this.payouts = payouts;
		this.ledger = ledger;
		this.pi = pi;
		this.piPayments = piPayments;
		this.horizon = horizon;
		this.signer = signer;
		this.wallet = wallet;
		this.outbox = outbox;
		this.properties = properties;
		this.walletCheck = walletCheck;
		this.clock = clock;
	}

	/** Asks for a run as soon as the current one (if any) ends: right after a request. */
	void nudge() {
		this.loop.nudge();
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		// Ticks that arrive during a run collapse into one follow-up run; runs never
		// overlap on one instance, and the lease keeps instances apart.
		this.loop.start(this.properties.pollInterval(), this::drain);
		this.walletChecking = this.walletCheck.start(this::nudge);
	}

	@Override
	public void stop() {
		Disposable checking = this.walletChecking;
		if (checking != null) {
			checking.dispose();
		}
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/**
	 * One run: under the lease, first Pi's own view (a payout Pi holds open that this
	 * ledger lost track of), then the open payouts until none is left or one cannot move
	 * now. Errors are logged and leave everything for the next run.
	 */
	Mono<Void> drain() {
		if (!this.walletCheck.allowsPayouts()) {
			// Paused until the wallet is known to be Pi's app wallet (PayoutWalletCheck).
			return Mono.empty();
		}
		return takeLease().filter(Boolean::booleanValue)
			.flatMap(held -> recoverIncompleteOnPi().then(Mono.defer(this::payOpen))
				.then(this.payouts.releaseLease(this.holder))
				.onErrorResume(ex -> {
					log.warn("Payout run failed, retrying at the next run: {}", ex.toString());
					return this.payouts.releaseLease(this.holder);
				}))
			.then();
	}

	private Mono<Boolean> takeLease() {
		Instant now = this.clock.instant();
		return this.payouts.takeLease(this.holder, now, now.plus(this.properties.lease()));
	}

	/** Steps the oldest open payout until it ends or cannot move now. */
	private Mono<Void> payOpen() {
		return step().expand(moved -> moved ? step() : Mono.empty()).take(MAX_STEPS_PER_DRAIN).then();
	}

	/**
	 * One step of the oldest open payout; true if it moved and there may be more to do.
	 */
	private Mono<Boolean> step() {
		if (!this.walletCheck.allowsPayouts()) {
			return Mono.just(false);
		}
		return takeLease().flatMap(held -> held ? this.payouts.oldestOpen().flatMap(this::advance) : Mono.just(false))
			.defaultIfEmpty(false);
	}

	private Mono<Boolean> advance(Payout payout) {
		if (payout.piPaymentId() == null) {
			return payout.cancelRequested()
					? this.payouts.end(payout.id(), "CANCELLED", null, this.clock.instant()).thenReturn(true)
					: create(payout);
		}
		if (payout.ledgerStatus() == null) {
			return this.piPayments.get(PaymentId.of(payout.piPaymentId()))
				.flatMap(payment -> record(payout, payment))
				.thenReturn(true);
		}
		if (payout.ledgerStatus() == PaymentStatus.CREATED) {
			if (payout.isSigned()) {
				return move(payout, PaymentStatus.CREATED, PaymentStatus.SUBMITTED, "signed", null).thenReturn(true);
			}
			return payout.cancelRequested() ? cancel(payout) : sign(payout);
		}
		return settle(payout);
	}

	private Mono<Boolean> create(Payout payout) {
		Map<String, Object> metadata = new LinkedHashMap<>(JSON.readValue(payout.metadataJson(), MAP));
		metadata.put(PAYOUT_ID_METADATA, payout.id().toString());
		NewPayment request = new NewPayment(payout.amount(), payout.memo(), metadata, payout.userUid());
		return this.pi.createPayment(request)
			.flatMap(created -> adopt(payout, created))
			.onErrorResume(PiApiErrorException.class, ex -> {
				if (PiErrorCodes.ONGOING_PAYMENT_FOUND.equals(ex.code()) && ex.payment().isPresent()) {
					return ongoing(payout, ex.payment().get());
				}
				if (ex.httpStatus() >= 400 && ex.httpStatus() < 500 && ex.httpStatus() != 429) {
					log.info("Pi refused payout {}: {}", payout.id(), ex.code());
					return this.payouts.failBeforePi(payout.id(), ex.code(),
							this.outbox.payoutFailedMessage(event(payout, "failed", ex.code())), this.clock.instant())
						.doOnNext(failed -> this.outbox.written())
						.thenReturn(true);
				}
				return Mono.error(ex);
			});
	}

	/**
	 * Pi holds another A2U payment open. Ours (a create whose answer was lost): adopt it.
	 * Another payout of this ledger: it is resumed first by the queue's order. One this
	 * ledger does not know, without a transaction: cancel it, so payouts can go on.
	 */
	private Mono<Boolean> ongoing(Payout payout, PiPayment blocking) {
		if (payout.id().toString().equals(String.valueOf(blocking.metadata().get(PAYOUT_ID_METADATA)))) {
			return adopt(payout, blocking);
		}
		return this.payouts.findByPiPaymentId(blocking.identifier())
			.map(known -> false)
			.switchIfEmpty(Mono.defer(() -> adoptForeign(blocking)));
	}

	private Mono<Boolean> adoptForeign(PiPayment blocking) {
		Object ours = blocking.metadata().get(PAYOUT_ID_METADATA);
		if (ours != null) {
			return this.payouts.find(UUID.fromString(ours.toString()))
				.flatMap(owner -> adopt(owner, blocking))
				.defaultIfEmpty(false);
		}
		if (blocking.transaction() != null) {
			log.warn("Pi holds A2U payment {} open with a transaction this ledger does not know; it must be "
					+ "completed or resolved by hand before payouts go on", blocking.identifier());
			return Mono.just(false);
		}
		log.warn("Cancelling A2U payment {} on Pi: it is open, unsigned, and not one of this ledger's payouts",
				blocking.identifier());
		return this.piPayments.cancel(PaymentId.of(blocking.identifier())).thenReturn(true);
	}

	private Mono<Boolean> adopt(Payout payout, PiPayment created) {
		return this.payouts.storePiPayment(payout.id(), created.identifier(), created.network(), this.clock.instant())
			.then(record(payout, created))
			.thenReturn(true);
	}

	private Mono<LedgerPayment> record(Payout payout, PiPayment payment) {
		return this.ledger.record(
				new NewLedgerPayment(payment.identifier(), payout.userUid(), PaymentDirection.APP_TO_USER,
						payment.network(), payout.amount(), payout.memo(), payout.metadataJson()),
				"created on Pi for payout " + payout.id());
	}

	/**
	 * Pi's incomplete A2U payments: one of ours that this ledger lost (its identifier was
	 * never stored) is adopted here, before the queue moves.
	 */
	private Mono<Void> recoverIncompleteOnPi() {
		return this.pi.incompleteServerPayments()
			.flatMapMany(Flux::fromIterable)
			.concatMap(payment -> this.payouts.findByPiPaymentId(payment.identifier())
				.map(known -> false)
				.switchIfEmpty(Mono.defer(() -> adoptForeign(payment))))
			.then()
			.onErrorResume(ex -> {
				log.warn("Could not read Pi's incomplete A2U payments: {}", ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Boolean> cancel(Payout payout) {
		return this.piPayments.cancel(PaymentId.of(payout.piPaymentId()))
			.then(move(payout, PaymentStatus.CREATED, PaymentStatus.CANCELLED, "cancelled by the caller", null))
			.thenReturn(true);
	}

	private Mono<Boolean> sign(Payout payout) {
		PaymentId paymentId = PaymentId.of(payout.piPaymentId());
		return this.piPayments.get(paymentId).flatMap(payment -> {
			if (!this.walletCheck.checkBeforeSigning(payment.fromAddress())) {
				log.error("Payout {} not signed: the app wallet is not the one Pi pays from", payout.id());
				return this.piPayments.cancel(paymentId)
					.then(fail(payout, PaymentStatus.CREATED, "wallet_mismatch"))
					.thenReturn(true);
			}
			PiNetwork network = PiNetwork.of(payment.network());
			PayoutTransfer transfer = new PayoutTransfer(network, payment.toAddress(), payout.amount(), paymentId);
			return Mono.zip(this.horizon.account(network, this.wallet.address()), this.horizon.baseFee(network))
				.map(source -> this.signer.sign(transfer, source.getT1(), source.getT2()))
				.flatMap(signed -> this.payouts
					.storeSigned(payout.id(), signed.txid().value(), signed.envelopeXdr(), signed.validUntil(),
							this.clock.instant())
					.flatMap(stored -> stored ? this.payouts.find(payout.id())
						.flatMap(again -> move(again, PaymentStatus.CREATED, PaymentStatus.SUBMITTED, "signed", null))
						.then(this.payouts.find(payout.id()))
						.flatMap(again -> submit(again)) : Mono.just(true)));
		});
	}

	/**
	 * A stored transaction: if Horizon has it, it landed (and must never be paid again);
	 * otherwise the same envelope is submitted, while its time bounds last.
	 */
	private Mono<Boolean> settle(Payout payout) {
		PiNetwork network = PiNetwork.of(payout.network());
		return this.horizon.transaction(network, TxId.of(payout.txid())).flatMap(lookup -> {
			if (lookup instanceof TransactionLookup.Landed landed) {
				return landed.successful() ? complete(payout)
						: fail(payout, PaymentStatus.SUBMITTED, "tx_failed").thenReturn(true);
			}
			if (lookup instanceof TransactionLookup.NotFound) {
				if (this.clock.instant().isAfter(payout.validUntil())) {
					// It can no longer land; this implementation does not sign a second
					// one, it fails the payout for a person to look at.
					return fail(payout, PaymentStatus.SUBMITTED, "tx_too_late").thenReturn(true);
				}
				return submit(payout);
			}
			return Mono.just(false);
		});
	}

	private Mono<Boolean> submit(Payout payout) {
		PiNetwork network = PiNetwork.of(payout.network());
		TxId txid = TxId.of(payout.txid());
		return this.horizon.submit(network, txid, payout.envelopeXdr()).flatMap(outcome -> {
			if (outcome instanceof SubmitOutcome.Landed) {
				return complete(payout);
			}
			if (outcome instanceof SubmitOutcome.Refused refused) {
				// tx_bad_seq is also what a second submission of a landed one gets: look.
				return this.horizon.transaction(network, txid).flatMap(lookup -> {
					if (lookup instanceof TransactionLookup.Landed landed) {
						return landed.successful() ? complete(payout)
								: fail(payout, PaymentStatus.SUBMITTED, "tx_failed").thenReturn(true);
					}
					if (lookup instanceof TransactionLookup.NotFound) {
						log.info("Horizon refused payout {}: {}", payout.id(), refused.code());
						return fail(payout, PaymentStatus.SUBMITTED, refused.code()).thenReturn(true);
					}
					return Mono.just(false);
				});
			}
			log.info("Submit of payout {} has no answer ({}); it is looked up at the next run", payout.id(),
					((SubmitOutcome.Unknown) outcome).reason());
			return Mono.just(false);
		});
	}

	private Mono<Boolean> complete(Payout payout) {
		PaymentId paymentId = PaymentId.of(payout.piPaymentId());
		return this.piPayments.complete(paymentId, TxId.of(payout.txid()))
			.onErrorResume(PiApiErrorException.class,
					ex -> "already_completed".equals(ex.code()) ? this.piPayments.get(paymentId) : Mono.error(ex))
			.then(move(payout, PaymentStatus.SUBMITTED, PaymentStatus.COMPLETED, "completed on Pi",
					this.outbox.payoutCompletedMessage(event(payout, "completed", null))))
			.doOnNext(moved -> this.outbox.written())
			.thenReturn(true);
	}

	private Mono<LedgerPayment> fail(Payout payout, PaymentStatus from, String code) {
		return move(payout, from, PaymentStatus.FAILED, code,
				this.outbox.payoutFailedMessage(event(payout, "failed", code)))
			.doOnNext(moved -> this.outbox.written());
	}

	private Mono<LedgerPayment> move(Payout payout, PaymentStatus from, PaymentStatus to, String reason,
			OutboxMessage webhook) {
		Transition move = new Transition(payout.piPaymentId(), PaymentDirection.APP_TO_USER, from, to, reason,
				(to == PaymentStatus.SUBMITTED || to == PaymentStatus.COMPLETED) ? payout.txid() : null, null, webhook);
		return this.ledger.move(move);
	}

	private static PayoutEventData event(Payout payout, String status, String code) {
		return new PayoutEventData(payout.id().toString(), payout.reference(), payout.userUid(), payout.amount(),
				payout.piPaymentId(), payout.txid(), payout.network(), status, code);
	}

	static List<String> statuses() {
		return List.of("queued", "created", "submitted", "completed", "failed", "cancelled");
	}

}
