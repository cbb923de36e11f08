package dev.piedge.sidecar.chain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.piedge.pi.client.PaymentId;

/**
 * What one payout transaction pays: an amount of Pi, from the app wallet to the
 * recipient's wallet, on the payment's network, with the Pi payment's identifier as its
 * text memo (Pi matches the transaction to the payment by that memo). Every value is
 * checked here, so the SDK never throws on it later.
 *
 * @param network the payment's network, which is also the passphrase signed for
 * @param destination the recipient's wallet, Pi's {@code to_address}: a {@code G...}
 * account id
 * @param amount the amount in Pi: positive, at most {@value #MAX_DECIMALS} decimal places
 * (one stroop is 0.0000001 Pi) and at most {@link #MAX_AMOUNT}
 * @param paymentId the Pi payment's identifier, written as the memo: at most
 * {@value #MAX_MEMO_BYTES} bytes (Pi's identifiers have 28 characters)
 */
public record PayoutTransfer(PiNetwork network, String destination, BigDecimal amount, PaymentId paymentId) {

	/** Decimal places of a Pi amount: amounts are whole stroops. */
	public static final int MAX_DECIMALS = 7;

	/** The largest amount a payment operation can carry: 2^63 - 1 stroops. */
	public static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(Long.MAX_VALUE, MAX_DECIMALS);

	/** A text memo holds at most 28 bytes. */
	public static final int MAX_MEMO_BYTES = 28;

	/**
	 * Checks every value.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public PayoutTransfer {
		Objects.requireNonNull(network, "network");
		Objects.requireNonNull(paymentId, "paymentId");
		if (!StellarAddresses.isAccountId(destination)) {
			throw new IllegalArgumentException(
					"The payout's destination must be a Pi wallet address: G and 55 more characters");
		}
		checkAmount(amount);
		if (paymentId.value().getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
			throw new IllegalArgumentException("The payment identifier " + paymentId + " is longer than the "
					+ MAX_MEMO_BYTES + " bytes a transaction memo holds");
		}
		amount = amount.stripTrailingZeros();
	}

	/**
	 * Checks an amount of Pi for a payment operation.
	 * @param amount the amount
	 * @throws IllegalArgumentException if it is not positive, has more than
	 * {@value #MAX_DECIMALS} decimal places, or is above {@link #MAX_AMOUNT}
	 */
	public static void checkAmount(BigDecimal amount) {
		if (amount == null || amount.signum() <= 0) {
			throw new IllegalArgumentException("A payout amount must be positive, but was " + amount);
		}
		if (amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
			throw new IllegalArgumentException("A payout amount has at most " + MAX_DECIMALS
					+ " decimal places (one stroop is 0.0000001 Pi), but was " + amount.toPlainString());
		}
		if (amount.compareTo(MAX_AMOUNT) > 0) {
			throw new IllegalArgumentException("A payout amount is at most " + MAX_AMOUNT.toPlainString()
					+ " Pi, but was " + amount.toPlainString());
		}
	}

}
