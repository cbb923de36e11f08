package dev.piedge.sandbox.payment;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.stereotype.Component;

/**
 * The one tamper rule in force, if any ({@code /sandbox/tamper}). A new rule replaces the
 * old one. Each payment the SDK emulator creates takes one use of it.
 */
@Component
class PaymentTampering {

	private final AtomicReference<ActiveRule> active = new AtomicReference<>();

	ActiveRule set(TamperRule rule) {
		ActiveRule created = new ActiveRule(rule.amount(), rule.times());
		this.active.set(created);
		return created;
	}

	Optional<ActiveRule> current() {
		return Optional.ofNullable(this.active.get());
	}

	void clear() {
		this.active.set(null);
	}

	/**
	 * Applies the rule to one payment: its amount replaced, and one of the rule's
	 * {@code times} used up (the rule is gone once they all are).
	 */
	PaymentRequest apply(PaymentRequest payment) {
		// A retried compare-and-set, so two payments at once never share the last use.
		while (true) {
			ActiveRule rule = this.active.get();
			if (rule == null) {
				return payment;
			}
			ActiveRule next = (rule.remaining() == null || rule.remaining() > 1)
					? new ActiveRule(rule.amount(), (rule.remaining() != null) ? rule.remaining() - 1 : null) : null;
			if (this.active.compareAndSet(rule, next)) {
				return payment.withAmount(rule.amount());
			}
		}
	}

	/**
	 * The rule as {@code GET /sandbox/tamper} shows it; {@code remaining} is absent for a
	 * rule without {@code times}. The amount is a string, as exact as it was given.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ActiveRule(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Integer remaining) {
	}

}
