package dev.piedge.sidecar.checkout;

import java.time.Clock;
import java.time.Instant;

import dev.piedge.sidecar.fulfillment.FulfillmentOutbox;
import dev.piedge.sidecar.polling.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Expires open sessions past their {@code expires_at}, each with its history row and its
 * {@code checkout.session.expired} event in one statement. A session whose payment is
 * still in flight (being approved, or approved and not yet completed) is left to that
 * payment: it completes the session or, ending unpaid, frees it for the next run.
 */
@Component
class CheckoutExpiry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CheckoutExpiry.class);

	private static final int BATCH = 100;

	private final PollingLoop loop = new PollingLoop();

	private final CheckoutSessionRepository repository;

	private final FulfillmentOutbox outbox;

	private final CheckoutProperties properties;

	private final Clock clock;

	CheckoutExpiry(CheckoutSessionRepository repository, FulfillmentOutbox outbox, CheckoutProperties properties,
			Clock clock) {
		this.repository = repository;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/** One run: emits how many sessions it expired. */
	Mono<Long> expireDue() {
		Instant now = this.clock.instant();
		return this.repository.findExpirable(now, BATCH).concatMap(session -> {
			CheckoutSession expired = new CheckoutSession(session.id(), session.owner(), session.uid(),
					session.lineItems(), session.total(), session.memo(), session.successUrl(), session.cancelUrl(),
					session.clientReferenceId(), session.metadataJson(), session.network(), CheckoutSession.EXPIRED,
					CheckoutSession.UNPAID, session.piPaymentId(), null, session.expiresAt(), session.createdAt(),
					null);
			return this.repository.expire(session.id(),
					this.outbox.checkoutSessionExpiredMessage(session.uid(), CheckoutViews.json(expired)), now);
		}).count().doOnNext(count -> {
			if (count > 0) {
				this.outbox.written();
				log.info("Expired {} checkout session(s)", count);
			}
		});
	}

	@Override
	public void start() {
		this.loop.start(this.properties.expiryInterval(), () -> expireDue().then()
			.onErrorResume(ex -> Mono.fromRunnable(
					() -> log.warn("Expiring checkout sessions failed; the next run tries again: {}", ex.toString()))));
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
