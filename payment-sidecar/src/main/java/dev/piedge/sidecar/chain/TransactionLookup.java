package dev.piedge.sidecar.chain;

import dev.piedge.pi.client.TxId;

/**
 * What Horizon says about a transaction hash ({@code GET /transactions/{hash}}).
 */
public sealed interface TransactionLookup {

	/**
	 * The transaction is in a ledger. It paid only if {@code successful}; a failed one
	 * used up its sequence number and fee, and paid nothing.
	 *
	 * @param hash the hash looked up
	 * @param ledger the ledger it is in
	 * @param successful whether its operations took effect
	 * @param memoType Horizon's {@code memo_type}: {@code text}, {@code none}, ...
	 * @param memo the memo (the Pi payment identifier for a payout), or null without one
	 */
	record Landed(TxId hash, long ledger, boolean successful, String memoType,
			String memo) implements TransactionLookup {
	}

	/**
	 * Horizon knows no such transaction (its own 404 {@code not_found} problem). It may
	 * still land while its time bounds last. A Horizon that lags behind the network may
	 * not know one that already landed: before a new transaction replaces it, check too
	 * that the app wallet's sequence ({@link HorizonClient#account}) is still below this
	 * one's.
	 */
	record NotFound() implements TransactionLookup {
	}

	/**
	 * Horizon could not say, retries included: a timeout, a 5xx, a 429 or an unreadable
	 * answer.
	 *
	 * @param reason what happened, for logs
	 */
	record Unknown(String reason) implements TransactionLookup {
	}

}
