package dev.piedge.sidecar.chain;

/**
 * Horizon's base fee is above {@code pi.payouts.transaction.max-base-fee}, so no payout
 * is signed until it falls (or the limit is raised). Nothing was signed or sent.
 */
public final class BaseFeeTooHighException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long baseFee;

	private BaseFeeTooHighException(String message, long baseFee) {
		super(message);
		this.baseFee = baseFee;
	}

	/**
	 * The network's fee is above the limit.
	 * @param baseFee Horizon's {@code last_ledger_base_fee}, in stroops
	 * @param maxBaseFee the configured limit, in stroops
	 * @return the exception
	 */
	public static BaseFeeTooHighException of(long baseFee, long maxBaseFee) {
		return new BaseFeeTooHighException("The network's base fee is " + baseFee + " stroops, above "
				+ PayoutTransactionProperties.PREFIX + "max-base-fee (" + maxBaseFee + "): no payout is signed",
				baseFee);
	}

	/**
	 * Returns the fee that was refused.
	 * @return stroops
	 */
	public long baseFee() {
		return this.baseFee;
	}

}
