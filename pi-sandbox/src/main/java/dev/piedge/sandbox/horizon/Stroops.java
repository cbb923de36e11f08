package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;

/**
 * Amounts on the chain are whole stroops (10^-7 Pi); Horizon writes them as decimal
 * strings with 7 places.
 */
final class Stroops {

	private static final int SCALE = 7;

	private Stroops() {
	}

	/** {@code "1.5"} or {@code "1.5000000"} to 15000000. */
	static long parse(String amount) {
		return new BigDecimal(amount).movePointRight(SCALE).longValueExact();
	}

	static long of(BigDecimal amount) {
		return amount.movePointRight(SCALE).longValueExact();
	}

	static BigDecimal toPi(long stroops) {
		return BigDecimal.valueOf(stroops, SCALE);
	}

	/** Horizon's form, e.g. {@code "1.5000000"}. */
	static String format(long stroops) {
		return toPi(stroops).toPlainString();
	}

}
