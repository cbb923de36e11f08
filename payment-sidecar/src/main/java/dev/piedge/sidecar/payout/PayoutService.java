package dev.piedge.sidecar.payout;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.piedge.sidecar.chain.PayoutTransfer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Accepts, reads and cancels payouts for the API; the {@link PayoutWorker} pays them.
 */
@Service
class PayoutService {

	private static final int MAX_TEXT = 128;

	private static final int MAX_MEMO = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final PayoutRepository payouts;

	private final PayoutWorker worker;

	private final PayoutProperties properties;

	private final Clock clock;

	PayoutService(PayoutRepository payouts, PayoutWorker worker, PayoutProperties properties, Clock clock) {
		this.payouts = payouts;
		this.worker = worker;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Queues a payout after checking it and the limits; a reference the caller used
	 * before is refused, whatever the body.
	 */
	Mono<Payout> request(String owner, PayoutRequest request) {
		if (!this.properties.enabled()) {
			return Mono.error(PayoutException.disabled());
		}
		try {
			check(request);
		}
		catch (PayoutException ex) {
			return Mono.error(ex);
		}
		BigDecimal amount = request.amount().stripTrailingZeros();
		if (amount.compareTo(this.properties.maxAmount()) > 0) {
			return Mono.error(PayoutException.overLimit("A payout is at most "
					+ this.properties.maxAmount().toPlainString() + " Pi (pi.payouts.max-amount)."));
		}
		Instant now = this.clock.instant();
		Instant dayStart = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
		String metadata = JSON.writeValueAsString((request.metadata() != null) ? request.metadata() : Map.of());
		Mono<Payout> existing = (request.reference() != null) ? this.payouts.findByReference(owner, request.reference())
				: Mono.empty();
		UUID id = UUID.randomUUID();
		return existing.flatMap(found -> Mono.<Payout>error(PayoutException.referenceUsed(found)))
			.switchIfEmpty(Mono.defer(() -> this.payouts
				.insertWithinDailyLimit(id, owner, request.reference(), request.uid(), amount, request.memo(), metadata,
						now, dayStart, this.properties.dailyLimit())
				.flatMap(insertion -> {
					if (insertion.inserted()) {
						return this.payouts.find(id);
					}
					if (insertion.today().add(amount).compareTo(this.properties.dailyLimit()) > 0) {
						return Mono.error(PayoutException.overLimit("Payouts today would exceed "
								+ this.properties.dailyLimit().toPlainString() + " Pi (pi.payouts.daily-limit)."));
					}
					// Another request took the reference between the check and the
					// insert.
					return this.payouts.findByReference(owner, request.reference())
						.flatMap(found -> Mono.<Payout>error(PayoutException.referenceUsed(found)));
				})))
			.doOnNext(queued -> this.worker.nudge());
	}

	Mono<Payout> find(String owner, UUID id) {
		return this.payouts.find(id)
			.filter(payout -> payout.owner().equals(owner))
			.switchIfEmpty(Mono.error(PayoutException::notFound));
	}

	Mono<Payout> findByReference(String owner, String reference) {
		return this.payouts.findByReference(owner, reference).switchIfEmpty(Mono.error(PayoutException::notFound));
	}

	/**
	 * Asks for the cancel (taken only while nothing is signed); the worker cancels the
	 * payment on Pi, if it was created there, at once.
	 */
	Mono<Payout> cancel(String owner, UUID id) {
		return find(owner, id).flatMap(payout -> this.payouts.requestCancel(id, owner, this.clock.instant())
			.flatMap(taken -> taken ? this.payouts.find(id).doOnNext(cancelled -> this.worker.nudge())
					: this.payouts.find(id).flatMap(now -> Mono.error(PayoutException.notCancellable(now)))));
	}

	static PayoutView view(Payout payout) {
		return new PayoutView(payout.id().toString(), payout.status(), payout.userUid(), payout.amount(), payout.memo(),
				JSON.readValue(payout.metadataJson(), MAP), payout.reference(), payout.piPaymentId(), payout.txid(),
				payout.network(), payout.failureCode(), payout.createdAt());
	}

	private static void check(PayoutRequest request) {
		if (request.uid() == null || request.uid().isBlank() || request.uid().length() > MAX_TEXT) {
			throw PayoutException.invalid("uid is required: the paid user's app-scoped Pi uid.");
		}
		try {
			PayoutTransfer.checkAmount(request.amount());
		}
		catch (IllegalArgumentException ex) {
			throw PayoutException.invalid(ex.getMessage() + ".");
		}
		if (request.memo() == null || request.memo().length() > MAX_MEMO) {
			throw PayoutException.invalid("memo is required (\"\" for none), at most " + MAX_MEMO + " characters.");
		}
		if (request.reference() != null && (request.reference().isBlank() || request.reference().length() > MAX_TEXT)) {
			throw PayoutException.invalid("reference, when given, is 1 to " + MAX_TEXT + " characters.");
		}
	}

}
