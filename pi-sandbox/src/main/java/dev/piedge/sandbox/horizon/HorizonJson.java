package dev.piedge.sandbox.horizon;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Horizon's JSON shapes for accounts, transactions and fee statistics, limited to the
 * members a payout client reads plus their usual neighbours. Numbers that Horizon writes
 * as strings (sequence numbers, fees, balances) are strings here too.
 */
final class HorizonJson {

	private static final List<String> PERCENTILES = List.of("p10", "p20", "p30", "p40", "p50", "p60", "p70", "p80",
			"p90", "p95", "p99");

	private HorizonJson() {
	}

	static Map<String, Object> account(ChainAccount account, String base) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("_links", ordered("self", link(base + "/accounts/" + account.id())));
		json.put("id", account.id());
		json.put("account_id", account.id());
		json.put("sequence", Long.toString(account.sequence()));
		json.put("subentry_count", 0);
		json.put("last_modified_ledger", account.lastModifiedLedger());
		json.put("last_modified_time", time(account.lastModifiedTime()));
		json.put("thresholds", ordered("low_threshold", 0, "med_threshold", 0, "high_threshold", 0));
		json.put("flags", ordered("auth_required", false, "auth_revocable", false, "auth_immutable", false,
				"auth_clawback_enabled", false));
		Map<String, Object> balance = new LinkedHashMap<>();
		balance.put("balance", Stroops.format(account.balance()));
		balance.put("buying_liabilities", Stroops.format(0));
		balance.put("selling_liabilities", Stroops.format(0));
		balance.put("asset_type", "native");
		json.put("balances", List.of(balance));
		json.put("signers", List.of(ordered("weight", 1, "key", account.id(), "type", "ed25519_public_key")));
		json.put("data", Map.of());
		json.put("num_sponsoring", 0);
		json.put("num_sponsored", 0);
		json.put("paging_token", account.id());
		return json;
	}

	static Map<String, Object> transaction(LandedTransaction tx, String base) {
		Map<String, Object> json = new LinkedHashMap<>();
		// Only links the emulator serves: no ledgers, operations or effects.
		json.put("_links", ordered("self", link(base + "/transactions/" + tx.hash()), "account",
				link(base + "/accounts/" + tx.sourceAccount())));
		json.put("id", tx.hash());
		json.put("paging_token", Long.toString(tx.ledger() << 32 | 4096));
		json.put("successful", tx.successful());
		json.put("hash", tx.hash());
		json.put("ledger", tx.ledger());
		json.put("created_at", time(tx.createdAt()));
		json.put("source_account", tx.sourceAccount());
		if (tx.sourceAccountSequence() != null) {
			json.put("source_account_sequence", Long.toString(tx.sourceAccountSequence()));
		}
		json.put("fee_account", tx.sourceAccount());
		json.put("fee_charged", Long.toString(tx.feeCharged()));
		json.put("max_fee", Long.toString(tx.maxFee()));
		json.put("operation_count", tx.operationCount());
		if (tx.envelopeXdr() != null) {
			json.put("envelope_xdr", tx.envelopeXdr());
		}
		json.put("result_xdr", tx.resultXdr());
		json.put("memo_type", (tx.memo() != null) ? "text" : "none");
		if (tx.memo() != null) {
			json.put("memo", tx.memo());
		}
		json.put("signatures", tx.signatures());
		if (tx.validAfter() != null) {
			json.put("valid_after", time(Instant.ofEpochSecond(tx.validAfter())));
			Map<String, Object> bounds = new LinkedHashMap<>();
			bounds.put("min_time", Long.toString(tx.validAfter()));
			if (tx.validBefore() != null) {
				json.put("valid_before", time(Instant.ofEpochSecond(tx.validBefore())));
				bounds.put("max_time", Long.toString(tx.validBefore()));
			}
			json.put("preconditions", Map.of("timebounds", bounds));
		}
		return json;
	}

	/**
	 * No traffic to price: every statistic is the base fee, as on a quiet network.
	 */
	static Map<String, Object> feeStats(long lastLedger, long baseFee) {
		Map<String, Object> fees = new LinkedHashMap<>();
		fees.put("max", Long.toString(baseFee));
		fees.put("min", Long.toString(baseFee));
		fees.put("mode", Long.toString(baseFee));
		PERCENTILES.forEach(percentile -> fees.put(percentile, Long.toString(baseFee)));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("last_ledger", Long.toString(lastLedger));
		json.put("last_ledger_base_fee", Long.toString(baseFee));
		json.put("ledger_capacity_usage", "0.00");
		json.put("fee_charged", fees);
		json.put("max_fee", fees);
		return json;
	}

	private static Map<String, Object> link(String href) {
		return Map.of("href", href);
	}

	/**
	 * Members in the order given, as Horizon writes them:
	 * {@code key, value, key, value…}.
	 */
	private static Map<String, Object> ordered(Object... members) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < members.length; i += 2) {
			map.put((String) members[i], members[i + 1]);
		}
		return map;
	}

	private static String time(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

}
