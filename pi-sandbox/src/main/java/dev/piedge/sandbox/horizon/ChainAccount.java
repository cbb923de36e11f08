package dev.piedge.sandbox.horizon;

import java.time.Instant;

/**
 * An account on the emulated chain: its native balance and its sequence number, which the
 * next transaction from it must exceed by exactly one.
 *
 * @param balance in stroops
 */
record ChainAccount(String id, long balance, long sequence, long lastModifiedLedger, Instant lastModifiedTime) {

	ChainAccount withBalance(long balance, long ledger, Instant at) {
		return new ChainAccount(id, balance, sequence, ledger, at);
	}

	ChainAccount withSequence(long sequence, long ledger, Instant at) {
		return new ChainAccount(id, balance, sequence, ledger, at);
	}

}
