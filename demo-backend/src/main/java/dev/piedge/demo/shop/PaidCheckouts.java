package dev.piedge.demo.shop;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The checkout sessions reported paid, by session id. A demo keeps them in memory (lost
 * on restart); a real shop stores them with the order, in the same transaction as the
 * fulfilment.
 */
@Component
class PaidCheckouts {

	private final Map<String, PaidCheckout> paid = new ConcurrentHashMap<>();

	/**
	 * Records a paid session once: a retried or replayed event changes nothing, so the
	 * first report of a session is the one that counts.
	 */
	void record(PaidCheckout checkout) {
		this.paid.putIfAbsent(checkout.sessionId(), checkout);
	}

	Optional<PaidCheckout> find(String sessionId) {
		return Optional.ofNullable(this.paid.get(sessionId));
	}

}
