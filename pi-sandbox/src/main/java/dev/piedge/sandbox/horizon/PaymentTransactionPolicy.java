package dev.piedge.sandbox.horizon;

/**
 * Pi's rules for the transactions the Horizon emulator lets land. A real chain takes any
 * valid transaction; the sandbox refuses those that cannot pay an open app-to-user
 * payment, so a client's mistake shows at once.
 */
public interface PaymentTransactionPolicy {

	/**
	 * Called under the chain's lock, just before {@code transfer} lands. Throws a
	 * {@link TransactionRefusedException} to refuse it (nothing lands). When the
	 * transaction will succeed, links it to the payment it pays, which is then the
	 * payment's transaction.
	 * @param successful whether the transaction will land successfully (it may land as
	 * failed, e.g. underfunded)
	 */
	void admit(PaymentTransfer transfer, boolean successful);

}
