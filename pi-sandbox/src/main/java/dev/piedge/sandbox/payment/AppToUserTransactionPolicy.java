package dev.piedge.sandbox.payment;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.horizon.PaymentTransactionPolicy;
import dev.piedge.sandbox.horizon.PaymentTransfer;
import dev.piedge.sandbox.horizon.TransactionRefusedException;

/**
 * Lets a transaction land on the emulated chain only when it pays an open app-to-user
 * payment exactly: memo = the payment's identifier, from its {@code from_address} (the
 * app wallet) to its {@code to_address}, its amount, in the native asset. The first such
 * transaction becomes the payment's transaction, as Pi links it when it sees it on chain;
 * a second one lands too (a chain cannot tell), but stays unlinked, so a double payment
 * shows in the chain's list and fails {@code complete}.
 */
@Component
class AppToUserTransactionPolicy implements PaymentTransactionPolicy {

	private final PaymentStore store;

	AppToUserTransactionPolicy(PaymentStore store) {
		this.store = store;
	}

	@Override
	public void admit(PaymentTransfer transfer, boolean successful) {
		if (transfer.memo() == null) {
			throw TransactionRefusedException.unknownPayment();
		}
		try {
			store.update(transfer.memo(), payment -> admit(payment, transfer, successful));
		}
		catch (PiApiException ex) {
			// No payment has this identifier.
			throw TransactionRefusedException.unknownPayment();
		}
	}

	private static Payment admit(Payment payment, PaymentTransfer transfer, boolean successful) {
		if (payment.direction() != Direction.APP_TO_USER || !payment.isOpen()) {
			throw TransactionRefusedException.unknownPayment();
		}
		if (!transfer.singlePayment()) {
			throw TransactionRefusedException.notASinglePayment();
		}
		if (!payment.fromAddress().equals(transfer.source())) {
			throw TransactionRefusedException.sourceMismatch();
		}
		if (!transfer.nativeAsset()) {
			throw TransactionRefusedException.assetNotNative();
		}
		if (!payment.toAddress().equals(transfer.destination())) {
			throw TransactionRefusedException.destinationMismatch();
		}
		if (payment.amount().compareTo(transfer.amount()) != 0) {
			throw TransactionRefusedException.amountMismatch();
		}
		if (!successful || payment.hasTransaction()) {
			return payment;
		}
		return payment
			.withTransaction(new Payment.Transaction(transfer.hash(), transfer.memo(), false, transfer.link()));
	}

}
