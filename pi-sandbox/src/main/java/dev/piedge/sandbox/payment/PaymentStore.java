package dev.piedge.sandbox.payment;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.PiApiException;

/**
 * All payments, in memory, in creation order.
 *
 * <p>
 * Creating a payment checks other payments first (one open A2U payment per app, one open
 * U2A payment per user), which a per-key {@code ConcurrentHashMap.compute} cannot make
 * atomic. So every access takes one monitor; the critical sections only touch this map,
 * never wait on I/O, and finish in microseconds.
 *
 * <p>
 * Every payment is {@linkplain Payment#settle settled} against the clock as it is read,
 * so an unapproved U2A payment turns cancelled once the approval timeout passed, without
 * a timer.
 */
@Component
class PaymentStore {

	private final Map<String, Payment> payments = new LinkedHashMap<>();

	private final Clock clock;

	private final Duration approvalTimeout;

	PaymentStore(Clock clock, SandboxProperties properties) {
		this.clock = clock;
		this.approvalTimeout = properties.approvalTimeout();
	}

	synchronized Optional<Payment> find(String identifier) {
		return Optional.ofNullable(payments.get(identifier)).map(this::settled);
	}

	synchronized List<Payment> all() {
		return payments.values().stream().map(this::settled).toList();
	}

	/**
	 * Replaces a payment by {@code transition(current)} atomically. The transition throws
	 * a {@link PiApiException} to refuse, which leaves the payment unchanged.
	 */
	synchronized Payment update(String identifier, UnaryOperator<Payment> transition) {
		Payment current = payments.get(identifier);
		if (current == null) {
			throw PiApiException.paymentNotFound(identifier);
		}
		Payment next = transition.apply(settled(current));
		payments.put(identifier, next);
		return next;
	}

	/**
	 * Adds {@code fresh} after resolving the open payments it competes with:
	 * {@code resolve} returns the competitor as it should become (e.g. cancelled) or
	 * throws a {@link PiApiException} to refuse the new one. Nothing changes when it
	 * refuses.
	 */
	synchronized Payment insert(Payment fresh, Predicate<Payment> competes, UnaryOperator<Payment> resolve) {
		List<Payment> resolved = new ArrayList<>();
		for (Payment existing : payments.values()) {
			Payment current = settled(existing);
			if (current.isOpen() && competes.test(current)) {
				resolved.add(resolve.apply(current));
			}
		}
		resolved.forEach(payment -> payments.put(payment.identifier(), payment));
		payments.put(fresh.identifier(), fresh);
		return fresh;
	}

	synchronized Optional<Payment> findByTxid(String txid) {
		return payments.values()
			.stream()
			.filter(payment -> payment.hasTransaction() && payment.transaction().txid().equals(txid))
			.findFirst()
			.map(this::settled);
	}

	synchronized void clear() {
		payments.clear();
	}

	private Payment settled(Payment payment) {
		return payment.settle(clock.instant(), approvalTimeout);
	}

}
