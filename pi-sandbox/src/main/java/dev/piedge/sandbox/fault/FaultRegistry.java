package dev.piedge.sandbox.fault;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.springframework.stereotype.Component;

/**
 * The active fault rules. The first rule (in the order added) that matches a call applies
 * to it.
 */
@Component
class FaultRegistry {

	private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	FaultRule add(FaultRule request) {
		FaultRule rule = FaultRule.create(ids.incrementAndGet(), request);
		faults.add(new ActiveFault(rule));
		return rule;
	}

	/**
	 * Picks the fault for one call and uses up one of its {@code times}, dropping rules
	 * that are used up.
	 */
	Optional<FaultRule> take(PiEndpoint endpoint) {
		for (ActiveFault fault : faults) {
			if (fault.rule.matches(endpoint) && fault.tryUse()) {
				if (fault.isUsedUp()) {
					faults.remove(fault);
				}
				return Optional.of(fault.rule);
			}
		}
		return Optional.empty();
	}

	List<FaultView> list() {
		return faults.stream().map(ActiveFault::view).toList();
	}

	void clear() {
		faults.clear();
	}

	/**
	 * A rule as listed by {@code GET /sandbox/faults}; {@code remaining} is null for
	 * rules without {@code times}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FaultView(@JsonUnwrapped FaultRule rule, Integer remaining) {
	}

	private static final class ActiveFault {

		private final FaultRule rule;

		// -1 stands for "until cleared"; otherwise the number of calls the rule still
		// applies to.
		private final AtomicInteger remaining;

		ActiveFault(FaultRule rule) {
			this.rule = rule;
			this.remaining = new AtomicInteger((rule.times() != null) ? rule.times() : -1);
		}

		boolean tryUse() {
			int left;
			do {
				left = remaining.get();
				if (left < 0) {
					return true;
				}
				if (left == 0) {
					return false;
				}
			}
			while (!remaining.compareAndSet(left, left - 1));
			return true;
		}

		boolean isUsedUp() {
			return remaining.get() == 0;
		}

		FaultView view() {
			int left = remaining.get();
			return new FaultView(rule, (left < 0) ? null : left);
		}

	}

}
