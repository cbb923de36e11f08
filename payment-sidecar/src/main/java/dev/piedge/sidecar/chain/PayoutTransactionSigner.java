package dev.piedge.sidecar.chain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.piedge.pi.client.TxId;
import org.stellar.sdk.Account;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.TimeBounds;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.TransactionBuilder;
import org.stellar.sdk.TransactionPreconditions;

import org.springframework.stereotype.Component;

/**
 * Builds and signs the one transaction of a payout, with stellar-sdk (used to build, sign
 * and hash only; its network client is never used): one native payment from the app
 * wallet to the recipient, the payment identifier as text memo, the network's base fee,
 * time bounds, and the payment's network passphrase.
 *
 * <p>
 * Pure CPU, no I/O and no randomness (ed25519 signatures are deterministic), so it may
 * run on an event loop: a signature takes well under a millisecond.
 */
@Component
public class PayoutTransactionSigner {

	private final AppWallet wallet;

	private final PayoutTransactionProperties properties;

	private final Clock clock;

	PayoutTransactionSigner(AppWallet wallet, PayoutTransactionProperties properties, Clock clock) {
		this.wallet = wallet;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Builds and signs the transaction that pays a transfer.
	 * @param transfer what to pay, to whom, on which network, with which memo
	 * @param source the app wallet's account as Horizon reports it now; the transaction
	 * gets its sequence + 1
	 * @param baseFee Horizon's {@code last_ledger_base_fee}, in stroops
	 * @return the signed transaction, its txid and the facts to store with it
	 * @throws WalletNotConfiguredException without a wallet seed
	 * @throws BaseFeeTooHighException if the fee is above
	 * {@code pi.payouts.transaction.max-base-fee}
	 * @throws IllegalArgumentException if the source is not the app wallet, or the fee is
	 * below the network minimum of 100 stroops
	 */
	public SignedPayout sign(PayoutTransfer transfer, HorizonAccount source, long baseFee) {
		Objects.requireNonNull(transfer, "transfer");
		Objects.requireNonNull(source, "source");
		KeyPair keyPair = this.wallet.keyPair();
		if (!keyPair.getAccountId().equals(source.accountId())) {
			throw new IllegalArgumentException(
					"The source account " + source.accountId() + " is not the app wallet " + keyPair.getAccountId());
		}
		if (baseFee < PayoutTransactionProperties.MIN_BASE_FEE) {
			throw new IllegalArgumentException("A base fee is at least " + PayoutTransactionProperties.MIN_BASE_FEE
					+ " stroops, but Horizon reported " + baseFee);
		}
		if (baseFee > this.properties.maxBaseFee()) {
			throw BaseFeeTooHighException.of(baseFee, this.properties.maxBaseFee());
		}
		Instant validUntil = Instant
			.ofEpochSecond(this.clock.instant().plus(this.properties.validity()).getEpochSecond());
		// The builder increments the account's sequence in place: a new Account per
		// transaction, never shared.
		Account account = new Account(source.accountId(), source.sequence());
		Transaction transaction = new TransactionBuilder(account, transfer.network().stellarNetwork())
			.addOperation(new PaymentOperation.Builder(transfer.destination(), new AssetTypeNative(),
					transfer.amount().toPlainString())
				.build())
			.addMemo(Memo.text(transfer.paymentId().value()))
			// No lower bound: a clock behind the network's cannot make it tx_too_early.
			.addPreconditions(TransactionPreconditions.builder()
				.timeBounds(new TimeBounds(0, validUntil.getEpochSecond()))
				.build())
			.setBaseFee(baseFee)
			.build();
		transaction.sign(keyPair);
		return new SignedPayout(TxId.of(transaction.hashHex()), transaction.toEnvelopeXdrBase64(),
				transaction.getSequenceNumber(), transaction.getFee(), validUntil);
	}

}
