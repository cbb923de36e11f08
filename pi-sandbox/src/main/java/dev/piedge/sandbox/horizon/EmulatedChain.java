package dev.piedge.sandbox.horizon;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.user.SandboxUser;
import dev.piedge.sandbox.user.UserDirectory;

/**
 * The emulated Pi blockchain, in memory: accounts (native balance and sequence number)
 * and the transactions that landed, each in a ledger of its own.
 *
 * <p>
 * A submission is checked in stellar-core's order (time bounds, fee, source account,
 * sequence, signatures, balance for the fee), then against Pi's rules
 * ({@link PaymentTransactionPolicy}), then applied: a payment the source cannot fund
 * still lands, as failed, using up its sequence number and paying its fee, as on Stellar.
 * Every access takes one monitor; the policy takes the payment store's monitor inside it,
 * and nothing takes them in the other order.
 */
@Component
public class EmulatedChain {

	/** What the app wallet holds after start-up or a reset. */
	static final BigDecimal APP_WALLET_BALANCE = new BigDecimal("1000000");

	/** What each demo user's wallet holds after start-up or a reset. */
	static final BigDecimal USER_BALANCE = new BigDecimal("1000");

	// Stellar starts an account's sequence at its creating ledger << 32.
	private static final long ACCOUNTS_CREATED_IN_LEDGER = 2;

	private static final long FIRST_LEDGER = 100;

	private final Map<String, ChainAccount> accounts = new LinkedHashMap<>();

	private final Map<String, LandedTransaction> transactions = new LinkedHashMap<>();

	private final String appWallet;

	private final List<String> userWallets;

	private final long baseFee;

	private final Clock clock;

	private long ledger;

	public EmulatedChain(SandboxProperties properties, UserDirectory users, Clock clock) {
		this.appWallet = properties.appWalletAddress();
		this.userWallets = users.all().stream().map(SandboxUser::walletAddress).toList();
		this.baseFee = properties.horizon().baseFee();
		this.clock = clock;
		reset();
	}

	public synchronized Optional<LandedTransaction> transaction(String hash) {
		return Optional.ofNullable(transactions.get(hash));
	}

	/** Every landed transaction, oldest first. */
	synchronized List<LandedTransaction> transactions() {
		return List.copyOf(transactions.values());
	}

	synchronized Optional<ChainAccount> account(String id) {
		return Optional.ofNullable(accounts.get(id));
	}

	synchronized long lastLedger() {
		return ledger;
	}

	long baseFee() {
		return baseFee;
	}

	/**
	 * Back to the start: the app wallet and the demo users' wallets with their opening
	 * balances, no transactions.
	 */
	synchronized void reset() {
		accounts.clear();
		transactions.clear();
		ledger = FIRST_LEDGER;
		Instant now = now();
		long sequence = ACCOUNTS_CREATED_IN_LEDGER << 32;
		accounts.put(appWallet, new ChainAccount(appWallet, Stroops.of(APP_WALLET_BALANCE), sequence, ledger, now));
		for (String wallet : userWallets) {
			accounts.putIfAbsent(wallet, new ChainAccount(wallet, Stroops.of(USER_BALANCE), sequence, ledger, now));
		}
	}

	/**
	 * Sets an account's balance and/or sequence (null leaves it), creating the account if
	 * needed.
	 */
	synchronized ChainAccount setAccount(String id, Long balance, Long sequence) {
		Instant now = now();
		ChainAccount account = accounts.getOrDefault(id,
				new ChainAccount(id, 0, ACCOUNTS_CREATED_IN_LEDGER << 32, ledger, now));
		if (balance != null) {
			account = account.withBalance(balance, ledger, now);
		}
		if (sequence != null) {
			account = account.withSequence(sequence, ledger, now);
		}
		accounts.put(id, account);
		return account;
	}

	/**
	 * Records a transaction that the wallet emulator submits on someone's behalf (it has
	 * no envelope, and moves no balance or sequence). {@code link} ties it to its payment
	 * first and may throw to refuse it; {@code transfer} then says what the transaction
	 * pays.
	 */
	public synchronized <T> T recordWalletTransaction(Supplier<T> link, Function<T, WalletTransfer> transfer) {
		T linked = link.get();
		WalletTransfer paid = transfer.apply(linked);
		long fee = baseFee;
		ledger++;
		transactions.put(paid.hash(),
				new LandedTransaction(paid.hash(), ledger, now(), paid.source(), null, fee, fee, 1, null,
						TransactionResults.success(fee), paid.memo(), List.of(), null, null, true, paid.destination(),
						paid.amount(), List.of()));
		return linked;
	}

	/**
	 * Lands {@code envelope} or refuses it. Submitting a transaction that already landed
	 * answers with that transaction, as Horizon does, and changes nothing.
	 * @param link where the transaction will be shown, for Pi's {@code _link}
	 */
	synchronized Submission submit(SubmittedEnvelope envelope, PaymentTransactionPolicy policy, String link) {
		LandedTransaction previous = transactions.get(envelope.hash());
		if (previous != null) {
			return Submission.landed(previous);
		}
		long fee = baseFee * Math.max(1, envelope.operationCount());
		Submission refusal = refusal(envelope, fee);
		if (refusal != null) {
			return refusal;
		}
		ChainAccount source = accounts.get(envelope.source());
		String operationCode = operationCode(envelope, source, fee);
		try {
			policy.admit(transfer(envelope, link), operationCode == null);
		}
		catch (TransactionRefusedException ex) {
			return Submission.refusedByPolicy("op_malformed", fee, ex.reason());
		}
		return Submission.landed(land(envelope, source, fee, operationCode));
	}

	/** The checks of stellar-core before a transaction may enter a ledger. */
	private Submission refusal(SubmittedEnvelope envelope, long fee) {
		if (!envelope.supported()) {
			return Submission.refused("tx_not_supported", fee);
		}
		long now = clock.instant().getEpochSecond();
		if (envelope.validAfter() > now) {
			return Submission.refused("tx_too_early", fee);
		}
		if (envelope.validBefore() != 0 && envelope.validBefore() < now) {
			return Submission.refused("tx_too_late", fee);
		}
		if (envelope.maxFee() < fee) {
			return Submission.refused("tx_insufficient_fee", fee);
		}
		ChainAccount source = accounts.get(envelope.source());
		if (source == null) {
			return Submission.refused("tx_no_source_account", fee);
		}
		if (envelope.sequence() != source.sequence() + 1) {
			return Submission.refused("tx_bad_seq", fee);
		}
		if (envelope.authorization() == SubmittedEnvelope.Authorization.BAD_AUTH) {
			return Submission.refused("tx_bad_auth", fee);
		}
		if (envelope.authorization() == SubmittedEnvelope.Authorization.BAD_AUTH_EXTRA) {
			return Submission.refused("tx_bad_auth_extra", fee);
		}
		if (envelope.foreignOperationSource()) {
			return Submission.failedOperation("op_bad_auth", fee);
		}
		if (source.balance() < fee) {
			return Submission.refused("tx_insufficient_balance", fee);
		}
		return null;
	}

	/**
	 * How the payment will fare when applied: null for success, else the operation's
	 * failure code.
	 */
	private String operationCode(SubmittedEnvelope envelope, ChainAccount source, long fee) {
		SubmittedEnvelope.Transfer transfer = envelope.transfer();
		if (transfer == null) {
			return null;
		}
		if (!accounts.containsKey(transfer.destination())) {
			return "op_no_destination";
		}
		// Reserves are not emulated: the whole balance after the fee can be paid out.
		return (transfer.amount() > source.balance() - fee) ? "op_underfunded" : null;
	}

	private LandedTransaction land(SubmittedEnvelope envelope, ChainAccount source, long fee, String operationCode) {
		Instant now = now();
		ledger++;
		SubmittedEnvelope.Transfer transfer = envelope.transfer();
		boolean paid = operationCode == null && transfer != null;
		long payerBalance = source.balance() - fee - (paid ? transfer.amount() : 0);
		accounts.put(source.id(),
				source.withSequence(envelope.sequence(), ledger, now).withBalance(payerBalance, ledger, now));
		if (paid) {
			// Read after the payer's update, so a payment to oneself nets out.
			ChainAccount payee = accounts.get(transfer.destination());
			accounts.put(payee.id(), payee.withBalance(payee.balance() + transfer.amount(), ledger, now));
		}
		List<String> operationCodes = (operationCode != null) ? List.of(operationCode) : List.of();
		String resultXdr = (operationCode != null) ? TransactionResults.failure(fee, "tx_failed", operationCodes)
				: TransactionResults.success(fee);
		boolean bounded = envelope.validAfter() != 0 || envelope.validBefore() != 0;
		Long validAfter = bounded ? envelope.validAfter() : null;
		Long validBefore = (envelope.validBefore() != 0) ? envelope.validBefore() : null;
		LandedTransaction landed = new LandedTransaction(envelope.hash(), ledger, now, envelope.source(),
				envelope.sequence(), fee, envelope.maxFee(), envelope.operationCount(), envelope.envelopeXdr(),
				resultXdr, envelope.memo(), envelope.signatures(), validAfter, validBefore, operationCode == null,
				(transfer != null) ? transfer.destination() : null,
				(transfer != null) ? Stroops.toPi(transfer.amount()) : null, operationCodes);
		transactions.put(landed.hash(), landed);
		return landed;
	}

	private static PaymentTransfer transfer(SubmittedEnvelope envelope, String link) {
		SubmittedEnvelope.Transfer transfer = envelope.transfer();
		String memo = "text".equals(envelope.memoType()) ? envelope.memo() : null;
		if (transfer == null) {
			return new PaymentTransfer(envelope.hash(), link, envelope.source(), memo, false, null, null, false);
		}
		return new PaymentTransfer(envelope.hash(), link, envelope.source(), memo, true, transfer.destination(),
				Stroops.toPi(transfer.amount()), transfer.nativeAsset());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * What a wallet emulator transaction pays.
	 *
	 * @param hash its txid
	 * @param memo the memo the wallet wrote
	 */
	public record WalletTransfer(String hash, String source, String destination, BigDecimal amount, String memo) {
	}

}
