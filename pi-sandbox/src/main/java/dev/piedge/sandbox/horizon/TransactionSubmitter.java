package dev.piedge.sandbox.horizon;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.error.HorizonProblemException;

/**
 * {@code POST /transactions}: decodes and verifies the envelope, then lets the chain land
 * or refuse it. Anything but a successful landing is answered as Horizon's
 * {@code transaction_failed} (or {@code transaction_malformed}).
 */
@Component
class TransactionSubmitter {

	private final EnvelopeReader reader;

	private final EmulatedChain chain;

	private final PaymentTransactionPolicy policy;

	TransactionSubmitter(EnvelopeReader reader, EmulatedChain chain, PaymentTransactionPolicy policy) {
		this.reader = reader;
		this.chain = chain;
		this.policy = policy;
	}

	/**
	 * @param injectedResultCode a result code a fault rule makes this submission fail
	 * with (nothing lands), or null
	 * @param linkBase this Horizon's {@code /transactions/} URL, for Pi's {@code _link}
	 */
	LandedTransaction submit(String envelopeXdr, String injectedResultCode, String linkBase) {
		SubmittedEnvelope envelope = reader.read(envelopeXdr);
		if (injectedResultCode != null) {
			throw failed(envelope, Submission.refused(injectedResultCode, chain.baseFee()));
		}
		Submission submission = chain.submit(envelope, policy, linkBase + envelope.hash());
		LandedTransaction landed = submission.landed();
		if (landed == null) {
			throw failed(envelope, submission);
		}
		if (!landed.successful()) {
			throw HorizonProblemException.transactionFailed(landed.hash(), landed.envelopeXdr(), landed.resultXdr(),
					"tx_failed", landed.operationCodes(), Map.of());
		}
		return landed;
	}

	private static HorizonProblemException failed(SubmittedEnvelope envelope, Submission refusal) {
		List<String> operationCodes = refusal.operationCodes();
		String resultXdr = TransactionResults.failure(refusal.feeCharged(), refusal.transactionCode(), operationCodes);
		Map<String, Object> more = (refusal.reason() != null) ? Map.of("pi_sandbox_reason", refusal.reason())
				: Map.of();
		return HorizonProblemException.transactionFailed(envelope.hash(), envelope.envelopeXdr(), resultXdr,
				refusal.transactionCode(), operationCodes, more);
	}

}
