package dev.piedge.sidecar.payout;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.stellar.sdk.KeyPair;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.Network;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.PaymentOperation;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pi's A2U payment API and a Horizon, in one small stateful server, for payout tests: Pi
 * allows one open A2U payment ({@code ongoing_payment_found}), a submitted transaction is
 * checked like Pi's chain does (the app wallet's real signature, sequence, memo = an open
 * payment, destination and amount), and the test counts transactions and completions to
 * prove a payout paid exactly once. Faults: a create whose answer is lost, and a submit
 * that lands but whose answer never comes.
 */
final class FakePiChain implements AutoCloseable {

	static final String NETWORK = "Pi Testnet";

	static final String APP_SEED = "SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E";

	static final String APP_ADDRESS = "GB24VG44VBWSF6R666Z6FS6W5SIMCGNV6QAKQ2QBDL4XZJFFJ7W5MKWD";

	static final String RECIPIENT_ADDRESS = "GDWMSYNZAAAOL45EFWITWITDOH4YHMBBFU6HVBYBTXGGVR7FGVJRVWKZ";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger IDS = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	private final DisposableServer server;

	private final Map<String, FakePayment> payments = new LinkedHashMap<>();

	private final Map<String, FakeTransaction> chain = new LinkedHashMap<>();

	private long sequence = 8589934592L;

	private int created;

	/** Creates whose answer is lost (a 502 after the payment exists). */
	final AtomicInteger loseCreateAnswers = new AtomicInteger();

	/** Submits that land but never answer. */
	final AtomicInteger landWithoutAnswer = new AtomicInteger();

	/** Completes that take effect but answer 502. */
	final AtomicInteger loseCompleteAnswers = new AtomicInteger();

	/** Submits that hang without landing. */
	final AtomicInteger hangSubmits = new AtomicInteger();

	/** The app wallet Pi reports as every payment's {@code from_address}. */
	final AtomicReference<String> appAddress = new AtomicReference<>(APP_ADDRESS);

	/** Pi refuses every create with this code (400), or creates them when null. */
	final AtomicReference<String> refuseCreates = new AtomicReference<>();

	/** Pi's list of incomplete A2U payments answers 503 (an outage). */
	final AtomicBoolean incompleteUnavailable = new AtomicBoolean();

	FakePiChain() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(routes -> routes.post("/v2/payments", this::create)
				.get("/v2/payments/incomplete_server_payments", this::incomplete)
				.get("/v2/payments/{id}", (req, res) -> answer(res, 200, payment(req.param("id"))))
				.post("/v2/payments/{id}/complete", this::complete)
				.post("/v2/payments/{id}/cancel", this::cancel)
				.get("/horizon/accounts/{id}", this::account)
				.get("/horizon/fee_stats", (req, res) -> answer(res, 200, Map.of("last_ledger_base_fee", "100000")))
				.post("/horizon/transactions", this::submit)
				.get("/horizon/transactions/{hash}", this::transaction))
			.bindNow();
	}

	/** Back to an empty chain and no payments, faults off. */
	synchronized void reset() {
		this.payments.clear();
		this.chain.clear();
		this.sequence = 8589934592L;
		this.created = 0;
		this.maxOpen = 0;
		this.loseCreateAnswers.set(0);
		this.landWithoutAnswer.set(0);
		this.hangSubmits.set(0);
		this.loseCompleteAnswers.set(0);
		this.appAddress.set(APP_ADDRESS);
		this.incompleteUnavailable.set(false);
		this.refuseCreates.set(null);
	}

	/** An open A2U payment on Pi that no payout of the ledger created. */
	synchronized void openPaymentOnPi(String uid, BigDecimal amount) {
		FakePayment open = new FakePayment("pay" + String.format("%025d", IDS.incrementAndGet()), uid, amount, "",
				Map.of());
		this.payments.put(open.id, open);
	}

	String piUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	String horizonUrl() {
		return piUrl() + "/horizon/";
	}

	synchronized int transactions() {
		return this.chain.size();
	}

	synchronized int completions() {
		return (int) this.payments.values().stream().filter(p -> p.completed).count();
	}

	synchronized int createdPayments() {
		return this.created;
	}

	/** The most A2U payments that were open on Pi at once. */
	private int maxOpen;

	synchronized int maxOpenAtOnce() {
		return this.maxOpen;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private Mono<Void> create(HttpServerRequest req, HttpServerResponse res) {
		return req.receive().aggregate().asString().flatMap(body -> {
			JsonNode payment = JSON.readTree(body).path("payment");
			Object answer;
			int status;
			boolean lose;
			synchronized (this) {
				FakePayment open = openPayment();
				String refusal = this.refuseCreates.get();
				if (refusal != null) {
					status = 400;
					answer = Map.of("error", refusal, "error_message", "refused");
					lose = false;
				}
				else if (open != null) {
					status = 400;
					answer = Map.of("error", "ongoing_payment_found", "error_message", "ongoing", "payment", dto(open));
					lose = false;
				}
				else {
					this.created++;
					// Unique across resets: the ledger outlives a test.
					FakePayment created = new FakePayment("pay" + String.format("%025d", IDS.incrementAndGet()),
							payment.path("uid").asString(), new BigDecimal(payment.path("amount").asString()),
							payment.path("memo").asString(), JSON.convertValue(payment.path("metadata"), Map.class));
					this.payments.put(created.id, created);
					this.maxOpen = Math.max(this.maxOpen,
							(int) this.payments.values().stream().filter(FakePayment::isOpen).count());
					status = 200;
					answer = dto(created);
					lose = this.loseCreateAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
				}
			}
			return lose ? answer(res, 502, Map.of("error", "bad_gateway")) : answer(res, status, answer);
		});
	}

	private Mono<Void> incomplete(HttpServerRequest req, HttpServerResponse res) {
		if (this.incompleteUnavailable.get()) {
			return answer(res, 503, Map.of("error", "service_unavailable"));
		}
		synchronized (this) {
			FakePayment open = openPayment();
			return answer(res, 200,
					Map.of("incomplete_server_payments", (open != null) ? List.of(dto(open)) : List.of()));
		}
	}

	private Mono<Void> complete(HttpServerRequest req, HttpServerResponse res) {
		return req.receive().aggregate().asString().flatMap(body -> {
			String txid = JSON.readTree(body).path("txid").asString();
			synchronized (this) {
				FakePayment payment = this.payments.get(req.param("id"));
				if (payment == null) {
					return answer(res, 404, Map.of("error", "payment_not_found"));
				}
				if (payment.completed) {
					return answer(res, 400, Map.of("error", "already_completed", "payment", dto(payment)));
				}
				if (payment.txid == null || !payment.txid.equals(txid)) {
					return answer(res, 400, Map.of("error", "txid_mismatch"));
				}
				payment.completed = true;
				if (this.loseCompleteAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
					return answer(res, 502, Map.of("error", "bad_gateway"));
				}
				return answer(res, 200, dto(payment));
			}
		});
	}

	private Mono<Void> cancel(HttpServerRequest req, HttpServerResponse res) {
		synchronized (this) {
			FakePayment payment = this.payments.get(req.param("id"));
			if (payment == null) {
				return answer(res, 404, Map.of("error", "payment_not_found"));
			}
			payment.cancelled = true;
			return answer(res, 200, dto(payment));
		}
	}

	private Mono<Void> account(HttpServerRequest req, HttpServerResponse res) {
		synchronized (this) {
			return answer(res, 200, Map.of("id", req.param("id"), "account_id", req.param("id"), "sequence",
					String.valueOf(this.sequence), "balances", List.of()));
		}
	}

	private Mono<Void> submit(HttpServerRequest req, HttpServerResponse res) {
		return req.receive().aggregate().asString().flatMap(form -> {
			String envelope = URLDecoder.decode(form.substring(form.indexOf("tx=") + 3), StandardCharsets.UTF_8);
			Transaction tx;
			try {
				tx = (Transaction) Transaction.fromEnvelopeXdr(envelope, new Network(NETWORK));
			}
			catch (IOException ex) {
				return answer(res, 400, Map.of("type", "https://stellar.org/horizon-errors/transaction_malformed",
						"title", "malformed", "status", 400));
			}
			String hash = tx.hashHex();
			Map<String, Object> answer;
			int status;
			boolean landed;
			synchronized (this) {
				if (this.hangSubmits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
					return Mono.never();
				}
				String refusal = refusal(tx);
				if (refusal != null) {
					status = 400;
					answer = Map.of("type", "https://stellar.org/horizon-errors/transaction_failed", "title", "failed",
							"status", 400, "extras", Map.of("result_codes", Map.of("transaction", refusal)));
					landed = false;
				}
				else {
					this.sequence = tx.getSequenceNumber();
					String memo = ((MemoText) tx.getMemo()).getText();
					FakeTransaction landedTx = new FakeTransaction(hash, memo, this.chain.size() + 1);
					this.chain.put(hash, landedTx);
					this.payments.get(memo).txid = hash;
					status = 200;
					answer = landedTx.json();
					landed = true;
				}
			}
			if (landed && this.landWithoutAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				return Mono.never();
			}
			return answer(res, status, answer);
		});
	}

	private String refusal(Transaction tx) {
		if (tx.getSequenceNumber() != this.sequence + 1) {
			return "tx_bad_seq";
		}
		if (tx.getSignatures().size() != 1 || !KeyPair.fromAccountId(APP_ADDRESS)
			.verify(tx.hash(), tx.getSignatures().get(0).getSignature().getSignature())) {
			return "tx_bad_auth";
		}
		if (!(tx.getMemo() instanceof MemoText memo) || tx.getOperations().length != 1
				|| !(tx.getOperations()[0] instanceof PaymentOperation payment)) {
			return "tx_malformed";
		}
		FakePayment paid = this.payments.get(memo.getText());
		if (paid == null || !paid.isOpen() || paid.txid != null || !RECIPIENT_ADDRESS.equals(payment.getDestination())
				|| paid.amount.compareTo(new BigDecimal(payment.getAmount())) != 0) {
			return "tx_failed";
		}
		return null;
	}

	private Mono<Void> transaction(HttpServerRequest req, HttpServerResponse res) {
		synchronized (this) {
			FakeTransaction tx = this.chain.get(req.param("hash"));
			if (tx == null) {
				return answer(res, 404, Map.of("type", "https://stellar.org/horizon-errors/not_found", "title",
						"Resource Missing", "status", 404));
			}
			return answer(res, 200, tx.json());
		}
	}

	private FakePayment payment(String id) {
		synchronized (this) {
			return this.payments.get(id);
		}
	}

	private FakePayment openPayment() {
		return this.payments.values().stream().filter(FakePayment::isOpen).findFirst().orElse(null);
	}

	private Mono<Void> answer(HttpServerResponse res, int status, Object body) {
		Object value = (body instanceof FakePayment payment) ? dto(payment) : body;
		if (value == null) {
			return answer(res, 404, Map.of("error", "payment_not_found"));
		}
		return res.status(status)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(JSON.writeValueAsString(value)))
			.then();
	}

	private Map<String, Object> dto(FakePayment payment) {
		Map<String, Object> dto = new LinkedHashMap<>();
		dto.put("identifier", payment.id);
		dto.put("user_uid", payment.uid);
		dto.put("amount", payment.amount);
		dto.put("memo", payment.memo);
		dto.put("metadata", payment.metadata);
		dto.put("from_address", this.appAddress.get());
		dto.put("to_address", RECIPIENT_ADDRESS);
		dto.put("direction", "app_to_user");
		dto.put("created_at", "2026-11-22T12:00:00Z");
		dto.put("network", NETWORK);
		dto.put("status", Map.of("developer_approved", true, "transaction_verified", payment.txid != null,
				"developer_completed", payment.completed, "cancelled", payment.cancelled, "user_cancelled", false));
		dto.put("transaction", (payment.txid != null)
				? Map.of("txid", payment.txid, "verified", true, "_link", horizonUrl() + "transactions/" + payment.txid)
				: null);
		return dto;
	}

	private static final class FakePayment {

		final String id;

		final String uid;

		final BigDecimal amount;

		final String memo;

		final Map<?, ?> metadata;

		String txid;

		boolean completed;

		boolean cancelled;

		FakePayment(String id, String uid, BigDecimal amount, String memo, Map<?, ?> metadata) {
			this.id = id;
			this.uid = uid;
			this.amount = amount;
			this.memo = memo;
			this.metadata = metadata;
		}

		boolean isOpen() {
			return !this.completed && !this.cancelled;
		}

	}

	private record FakeTransaction(String hash, String memo, long ledger) {

		Map<String, Object> json() {
			List<Object> links = new ArrayList<>();
			return Map.of("id", this.hash, "hash", this.hash, "ledger", this.ledger, "successful", true,
					"source_account", APP_ADDRESS, "memo_type", "text", "memo", this.memo, "_links", Map.of(), "extra",
					links);
		}

	}

}
