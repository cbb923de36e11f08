package dev.piedge.sidecar.pi;

import java.util.function.Predicate;

import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.PiPayment;
import dev.piedge.pi.client.PiPlatformClient;
import dev.piedge.pi.client.PiRetryOperator;
import dev.piedge.pi.client.TxId;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Pi's payment calls as the handshake needs them. Reads are retried by the shared client.
 * A state-changing call (approve, complete, cancel) whose outcome is unknown (timeout,
 * 5xx, 429) is retried by the client's {@link PiRetryOperator#confirmed confirmed} retry
 * with {@code pi.payments.pi-calls.*}: before each retry Pi's record is read back, and if
 * the call already took effect that record is the result. So a retry never asks Pi to do
 * a thing twice.
 */
@Component
public class PiPaymentsClient {

	private final PiPlatformClient pi;

	private final PiCallProperties properties;

	public PiPaymentsClient(PiPlatformClient pi, PiCallProperties properties) {
		this.pi = pi;
		this.properties = properties;
	}

	public Mono<PiPayment> get(PaymentId id) {
		return this.pi.getPayment(id);
	}

	public Mono<PiPayment> approve(PaymentId id) {
		return this.pi.approvePayment(id)
			.transformDeferred(confirmedBy(id, "approve", p -> p.status().developerApproved()));
	}

	public Mono<PiPayment> complete(PaymentId id, TxId txid) {
		return this.pi.completePayment(id, txid)
			.transformDeferred(confirmedBy(id, "complete", p -> p.status().developerCompleted()));
	}

	public Mono<PiPayment> cancel(PaymentId id) {
		return this.pi.cancelPayment(id)
			.transformDeferred(confirmedBy(id, "cancel", p -> p.status().cancelled() || p.status().userCancelled()));
	}

	private PiRetryOperator<PiPayment> confirmedBy(PaymentId id, String action, Predicate<PiPayment> tookEffect) {
		return PiRetryOperator.confirmed(action + " of payment " + id.value(), this.properties,
				() -> this.pi.getPayment(id).filter(tookEffect));
	}

}
