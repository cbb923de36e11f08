package dev.piedge.sidecar.payout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiApiErrorException;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.sidecar.chain.AppWallet;
import dev.piedge.sidecar.chain.WalletMismatchException;
import dev.piedge.sidecar.pi.PiPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Checks at start-up that the configured wallet seed is the app wallet Pi pays from, and
 * keeps payouts paused until it knows. Pi has no endpoint that names the app wallet: it
 * reports it as the {@code from_address} of an A2U payment, so the check reads Pi's
 * incomplete A2U payments and, without one, the newest payout this ledger created on Pi.
 * <ul>
 * <li>Pi unreachable: retried with backoff, payouts stay paused, and the sidecar serves
 * U2A callbacks as usual;</li>
 * <li>a mismatch: payouts stay off until the seed is fixed and the sidecar restarted (the
 * {@code payoutWallet} health component is DOWN; readiness is not affected, so U2A
 * callbacks are still served);</li>
 * <li>Pi holds no A2U payment to compare with (a new app): payouts start, and the first
 * payout's Pi payment is compared before anything is signed.</li>
 * </ul>
 * The worker also reports what it finds before each signing, so a mismatch found then
 * stops every later payout too. Only addresses are logged, never the seed.
 */
@Component
class PayoutWalletCheck {

	private static final Logger log = LoggerFactory.getLogger(PayoutWalletCheck.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	/** Where the check stands. */
	enum State {

		/** Not answered yet (Pi unreachable so far): payouts paused. */
		CHECKING,

		/** Pi reports this wallet's address: payouts go on. */
		MATCHED,

		/**
		 * Pi holds no A2U payment to compare with: payouts go on, and the first one is
		 * compared before it is signed.
		 */
		NOTHING_TO_COMPARE,

		/** Pi reports another address: payouts stay off. */
		MISMATCH;

		boolean allowsPayouts() {
			return this == MATCHED || this == NOTHING_TO_COMPARE;
		}

	}

	/**
	 * @param state where the check stands
	 * @param detail what an operator needs to know, addresses only
	 */
	record Result(State state, String detail) {
	}

	private final PiPlatformClient pi;

	private final PiPaymentsClient piPayments;

	private final PayoutRepository payouts;

	private final AppWallet wallet;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	private final AtomicReference<Result> result = new AtomicReference<>(
			new Result(State.CHECKING, "The app wallet has not been checked against Pi yet"));

	@Autowired
	PayoutWalletCheck(PiPlatformClient pi, PiPaymentsClient piPayments, PayoutRepository payouts, AppWallet wallet) {
		this(pi, piPayments, payouts, wallet, FIRST_BACKOFF, MAX_BACKOFF);
	}

	PayoutWalletCheck(PiPlatformClient pi, PiPaymentsClient piPayments, PayoutRepository payouts, AppWallet wallet,
			Duration firstBackoff, Duration maxBackoff) {
		this.pi = pi;
		this.piPayments = piPayments;
		this.payouts = payouts;
		this.wallet = wallet;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Starts the check, retried with backoff until Pi answers.
	 * @param onSettled called once the check has an answer (the worker runs then)
	 * @return disposes the check (at shutdown)
	 */
	Disposable start(Runnable onSettled) {
		return checkOnce().retryWhen(Retry.backoff(Long.MAX_VALUE, this.firstBackoff)
			.maxBackoff(this.maxBackoff)
			.doBeforeRetry(signal -> log.warn(
					"Could not check the app wallet against Pi yet (attempt {}), payouts stay paused: {}",
					signal.totalRetries() + 1, signal.failure().toString())))
			.subscribe(checked -> onSettled.run());
	}

	/** One attempt: reads Pi's view of the app wallet and records the result. */
	Mono<Result> checkOnce() {
		return reportedAddress().map(this::compare)
			.defaultIfEmpty(new Result(State.NOTHING_TO_COMPARE,
					"Pi holds no A2U payment of this app to compare "
							+ "with; the first payout's Pi payment is compared before it is signed"))
			.doOnNext(this::record);
	}

	/** The current result. */
	Result result() {
		return this.result.get();
	}

	boolean allowsPayouts() {
		return this.result.get().state().allowsPayouts();
	}

	/**
	 * The worker compared a payout's {@code from_address} before signing: a mismatch
	 * stops every payout from now on.
	 * @param piAppAddress the address Pi reported
	 * @return whether it matched
	 */
	boolean checkBeforeSigning(String piAppAddress) {
		Result checked = compare(piAppAddress);
		if (checked.state() == State.MISMATCH || this.result.get().state() != State.MISMATCH) {
			record(checked);
		}
		return checked.state() == State.MATCHED;
	}

	private Mono<String> reportedAddress() {
		return this.pi.incompleteServerPayments()
			.flatMap(open -> Mono.justOrEmpty(firstAddress(open)))
			.switchIfEmpty(Mono.defer(() -> this.payouts.newestPiPaymentId()
				.flatMap(id -> this.piPayments.get(PaymentId.of(id))
					// A payment Pi no longer has (404): nothing to compare with.
					.onErrorResume(PiApiErrorException.class,
							ex -> (ex.httpStatus() == 404) ? Mono.empty() : Mono.error(ex)))
				.mapNotNull(PiPayment::fromAddress)));
	}

	private static String firstAddress(List<PiPayment> payments) {
		return payments.stream().map(PiPayment::fromAddress).filter(Objects::nonNull).findFirst().orElse(null);
	}

	private Result compare(String piAppAddress) {
		try {
			this.wallet.checkPiAppAddress(piAppAddress);
			return new Result(State.MATCHED, "Pi reports the app wallet " + this.wallet.address());
		}
		catch (WalletMismatchException ex) {
			return new Result(State.MISMATCH, ex.getMessage());
		}
	}

	private void record(Result checked) {
		Result before = this.result.getAndSet(checked);
		if (before.state() == checked.state()) {
			return;
		}
		if (checked.state() == State.MISMATCH) {
			log.error("Payouts are off: {}", checked.detail());
		}
		else {
			log.info("App wallet check: {}", checked.detail());
		}
	}

}
