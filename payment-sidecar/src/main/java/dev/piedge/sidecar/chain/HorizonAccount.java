package dev.piedge.sidecar.chain;

/**
 * An account as Horizon reports it, reduced to what a payout needs: the next transaction
 * from it must carry {@code sequence + 1}.
 *
 * @param accountId the {@code G...} account id
 * @param sequence the account's current sequence number (Horizon sends it as a string)
 */
public record HorizonAccount(String accountId, long sequence) {

	/**
	 * Checks the values.
	 * @throws IllegalArgumentException if the id is not an account id or the sequence
	 * cannot be incremented
	 */
	public HorizonAccount {
		if (!StellarAddresses.isAccountId(accountId)) {
			throw new IllegalArgumentException("An account id is G and 55 more characters");
		}
		if (sequence < 0 || sequence == Long.MAX_VALUE) {
			throw new IllegalArgumentException(
					"An account's sequence number is between 0 and 2^63 - 2, but was " + sequence);
		}
	}

}
