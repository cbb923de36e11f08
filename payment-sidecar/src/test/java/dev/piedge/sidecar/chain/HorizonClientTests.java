package dev.piedge.sidecar.chain;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.piedge.pi.client.PaymentId;
import dev.piedge.pi.client.TxId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link HorizonClient} against a WireMock Horizon that answers with Horizon's own shapes
 * (HAL JSON, and problem bodies with {@code extras.result_codes}), under a path prefix as
 * a Horizon behind a gateway (or pi-sandbox's emulator) is.
 */
class HorizonClientTests {

	@RegisterExtension
	static final WireMockExtension horizon = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(15);

	private static final String TESTNET = "/testnet";

	private static final long SEQUENCE = 8589934600L;

	/** A real signed payout, so the envelope has base64's '+', '/' and '='. */
	private static final SignedPayout PAYOUT = signedPayout();

	private static final TxId TXID = PAYOUT.txid();

	private final HorizonClient client = client(Duration.ofSeconds(3), Duration.ofSeconds(3));

	private static SignedPayout signedPayout() {
		PayoutTransactionSigner signer = new PayoutTransactionSigner(TestWallets.appWallet(),
				new PayoutTransactionProperties(Duration.ofMinutes(2), 1_000_000),
				Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
		return signer.sign(
				new PayoutTransfer(PiNetwork.TESTNET, TestWallets.RECIPIENT_ADDRESS, new BigDecimal("3.14"),
						PaymentId.of("jGCjzZqgg78B6Pf1wzYHFSBTqNIv")),
				new HorizonAccount(TestWallets.APP_ADDRESS, SEQUENCE), 100_000);
	}

	private static HorizonClient client(Duration timeout, Duration submitTimeout) {
		return client(timeout, submitTimeout,
				new HorizonProperties.Retry(3, Duration.ofMillis(10), Duration.ofMillis(50), 0.5));
	}

	private static HorizonClient client(Duration timeout, Duration submitTimeout, HorizonProperties.Retry retry) {
		Map<String, URI> urls = Map.of("Pi Testnet", URI.create(horizon.baseUrl() + TESTNET + "/"), "Pi Network",
				URI.create(horizon.baseUrl() + "/mainnet"));
		return new HorizonClient(new HorizonProperties(urls, timeout, submitTimeout, Duration.ofSeconds(2),
				DataSize.ofKilobytes(256), retry), Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
	}

	private static int requests() {
		return horizon.findAll(anyRequestedFor(anyUrl())).size();
	}

	private static String problem(String type, int status, String resultCodes) {
		return "{\"type\":\"https://stellar.org/horizon-errors/" + type + "\",\"title\":\"" + type + "\",\"status\":"
				+ status + ",\"detail\":\"...\""
				+ ((resultCodes != null) ? ",\"extras\":{\"envelope_xdr\":\"AAAA\",\"result_codes\":" + resultCodes
						+ ",\"result_xdr\":\"AAAAAAAAAGT////7AAAAAA==\"}" : "")
				+ "}";
	}

	private static ResponseDefinitionBuilder problemResponse(String type, int status, String resultCodes) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/problem+json; charset=utf-8")
			.withBody(problem(type, status, resultCodes));
	}

	private static String accountJson(String id, String sequence) {
		return "{\"_links\":{},\"id\":\"" + id + "\",\"account_id\":\"" + id + "\",\"sequence\":\"" + sequence
				+ "\",\"subentry_count\":0,\"balances\":[{\"balance\":\"1000.0000000\",\"asset_type\":\"native\"}]}";
	}

	private static String transactionJson(String hash, boolean successful) {
		return "{\"_links\":{},\"id\":\"" + hash + "\",\"hash\":\"" + hash + "\",\"ledger\":1234567,\"successful\":"
				+ successful + ",\"source_account\":\"" + TestWallets.APP_ADDRESS + "\",\"source_account_sequence\":\""
				+ (SEQUENCE + 1) + "\",\"fee_charged\":\"100000\",\"memo_type\":\"text\","
				+ "\"memo\":\"jGCjzZqgg78B6Pf1wzYHFSBTqNIv\",\"envelope_xdr\":\"" + PAYOUT.envelopeXdr() + "\"}";
	}

	private static MappingBuilder accountStub() {
		return get(urlEqualTo(TESTNET + "/accounts/" + TestWallets.APP_ADDRESS));
	}

	private static MappingBuilder lookupStub() {
		return get(urlEqualTo(TESTNET + "/transactions/" + TXID.value()));
	}

	private static MappingBuilder submitStub() {
		return post(urlEqualTo(TESTNET + "/transactions"));
	}

	private static <T> T single(Mono<T> call) {
		T[] result = (T[]) new Object[1];
		StepVerifier.create(call).consumeNextWith(value -> result[0] = value).expectComplete().verify(VERIFY_TIMEOUT);
		return result[0];
	}

	private static void expectUnavailable(Mono<?> call, HorizonUnavailableException.Reason reason) {
		StepVerifier.create(call)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(HorizonUnavailableException.class,
					ex -> assertThat(ex.reason()).isEqualTo(reason)))
			.verify(VERIFY_TIMEOUT);
	}

	// Accounts and fee stats

	@Test
	void readsTheAccountsSequenceFromItsString() {
		horizon.stubFor(accountStub().willReturn(okJson(accountJson(TestWallets.APP_ADDRESS, "8589934600"))));

		assertThat(single(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS)))
			.isEqualTo(new HorizonAccount(TestWallets.APP_ADDRESS, SEQUENCE));
		horizon.verify(1, anyRequestedFor(anyUrl()).withHeader("Accept", containing("application/hal+json")));
	}

	@Test
	void asksTheHorizonOfThePaymentsNetwork() {
		horizon.stubFor(get(urlEqualTo("/mainnet/fee_stats")).willReturn(okJson("{\"last_ledger_base_fee\":\"100\"}")));

		assertThat(single(this.client.baseFee(PiNetwork.MAINNET))).isEqualTo(100L);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void readsTheLastLedgerBaseFee() {
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats")).willReturn(okJson(
				"{\"last_ledger\":\"123\",\"last_ledger_base_fee\":\"100000\",\"ledger_capacity_usage\":\"0.01\","
						+ "\"fee_charged\":{\"max\":\"100000\",\"min\":\"100000\",\"mode\":\"100000\"}}")));

		assertThat(single(this.client.baseFee(PiNetwork.TESTNET))).isEqualTo(100_000L);
	}

	@Test
	void anUnknownAccountIsNotFoundAndNotRetried() {
		horizon.stubFor(accountStub().willReturn(problemResponse("not_found", 404, null)));

		StepVerifier.create(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(HorizonAccountNotFoundException.class)
				.hasMessage("Horizon has no account " + TestWallets.APP_ADDRESS
						+ " on Pi Testnet: the wallet was never funded there"))
			.verify(VERIFY_TIMEOUT);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void refusesAnAccountIdThatIsNotOneWithoutCallingHorizon() {
		for (String id : new String[] { null, "", "GTO", "../fee_stats", TestWallets.APP_SEED,
				TestWallets.APP_ADDRESS + "/", TestWallets.APP_ADDRESS.substring(0, 55) + "%",
				TestWallets.APP_ADDRESS.substring(0, 55) + "A" }) {
			StepVerifier.create(this.client.account(PiNetwork.TESTNET, id))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
					.hasMessage("An account id is G and 55 more characters"))
				.verify(VERIFY_TIMEOUT);
		}
		assertThat(requests()).isZero();
	}

	@Test
	void refusesAnAnswerAboutAnotherAccountOrWithoutASequence() {
		horizon.stubFor(accountStub().willReturn(okJson(accountJson(TestWallets.OTHER_ADDRESS, "1"))));
		expectUnavailable(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS),
				HorizonUnavailableException.Reason.BAD_RESPONSE);

		horizon.stubFor(accountStub().willReturn(okJson(accountJson(TestWallets.APP_ADDRESS, "-1"))));
		expectUnavailable(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS),
				HorizonUnavailableException.Reason.BAD_RESPONSE);

		horizon.stubFor(accountStub().willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));
		expectUnavailable(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS),
				HorizonUnavailableException.Reason.BAD_RESPONSE);
		// An unreadable answer is not expected to change: never retried.
		assertThat(requests()).isEqualTo(3);
	}

	@Test
	void retriesAReadAfterA5xx() {
		horizon.stubFor(accountStub().inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(problemResponse("stale_history", 503, null))
			.willSetStateTo("recovered"));
		horizon.stubFor(accountStub().inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(accountJson(TestWallets.APP_ADDRESS, "8589934600"))));

		assertThat(single(this.client.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS)).sequence())
			.isEqualTo(SEQUENCE);
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void givesUpAReadAfterItsAttemptsWithTheLastFailure() {
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats")).willReturn(aResponse().withStatus(500)));

		expectUnavailable(this.client.baseFee(PiNetwork.TESTNET), HorizonUnavailableException.Reason.SERVER_ERROR);
		assertThat(requests()).isEqualTo(3);
	}

	@Test
	void waitsOutRetryAfterBeforeRetryingARead() {
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats")).inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ok"));
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats")).inScenario("limited")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"last_ledger_base_fee\":\"100\"}")));
		HorizonClient patient = client(Duration.ofSeconds(3), Duration.ofSeconds(3),
				new HorizonProperties.Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2), 0.5));

		assertThat(single(patient.baseFee(PiNetwork.TESTNET))).isEqualTo(100L);

		// Measured between the two requests as WireMock received them, so the client's
		// own start-up time does not count.
		List<Instant> received = horizon.getAllServeEvents()
			.stream()
			.map(event -> event.getRequest().getLoggedDate().toInstant())
			.sorted()
			.toList();
		assertThat(received).hasSize(2);
		assertThat(Duration.between(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void failsAReadAtOnceWhenRetryAfterIsLongerThanTheLongestBackoff() {
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		StepVerifier.create(this.client.baseFee(PiNetwork.TESTNET))
			.expectErrorSatisfies(
					error -> assertThat(error).isInstanceOfSatisfying(HorizonUnavailableException.class, ex -> {
						assertThat(ex.reason()).isEqualTo(HorizonUnavailableException.Reason.RATE_LIMITED);
						assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120));
					}))
			.verify(VERIFY_TIMEOUT);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void retriesAReadThatTimesOut() {
		horizon
			.stubFor(accountStub().willReturn(okJson(accountJson(TestWallets.APP_ADDRESS, "1")).withFixedDelay(2000)));
		HorizonClient hasty = client(Duration.ofMillis(300), Duration.ofSeconds(3),
				new HorizonProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(20), 0.0));

		expectUnavailable(hasty.account(PiNetwork.TESTNET, TestWallets.APP_ADDRESS),
				HorizonUnavailableException.Reason.TIMEOUT);
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void retriesAReadWhoseConnectionIsReset() {
		horizon.stubFor(get(urlEqualTo(TESTNET + "/fee_stats"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		expectUnavailable(this.client.baseFee(PiNetwork.TESTNET), HorizonUnavailableException.Reason.CONNECTION);
		assertThat(requests()).isEqualTo(3);
	}

	// Submission

	@Test
	void submitsTheEnvelopeAsTheTxFormFieldAndReportsWhereItLanded() {
		horizon.stubFor(submitStub().willReturn(okJson(transactionJson(TXID.value(), true))));

		assertThat(single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr())))
			.isEqualTo(new SubmitOutcome.Landed(TXID, 1234567));
		horizon.verify(1,
				postRequestedFor(urlEqualTo(TESTNET + "/transactions"))
					.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
					.withRequestBody(equalTo("tx=" + URLEncoder.encode(PAYOUT.envelopeXdr(), StandardCharsets.UTF_8))));
		assertThat(PAYOUT.envelopeXdr()).containsAnyOf("+", "/", "=");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"transaction\":\"tx_bad_seq\"}|tx_bad_seq||tx_bad_seq",
			"{\"transaction\":\"tx_bad_auth\"}|tx_bad_auth||tx_bad_auth",
			"{\"transaction\":\"tx_too_late\"}|tx_too_late||tx_too_late",
			"{\"transaction\":\"tx_insufficient_fee\"}|tx_insufficient_fee||tx_insufficient_fee",
			"{\"transaction\":\"tx_insufficient_balance\"}|tx_insufficient_balance||tx_insufficient_balance",
			"{\"transaction\":\"tx_failed\",\"operations\":[\"op_underfunded\"]}|tx_failed|op_underfunded|op_underfunded",
			"{\"transaction\":\"tx_failed\",\"operations\":[\"op_no_destination\"]}|tx_failed|op_no_destination|op_no_destination" })
	void reportsEachRefusalWithHorizonsResultCodes(String resultCodes, String transactionCode, String operationCode,
			String code) {
		horizon.stubFor(submitStub().willReturn(problemResponse("transaction_failed", 400, resultCodes)));

		SubmitOutcome outcome = single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr()));

		assertThat(outcome).isEqualTo(new SubmitOutcome.Refused(400, "transaction_failed", transactionCode,
				(operationCode != null) ? List.of(operationCode) : List.of()));
		assertThat(((SubmitOutcome.Refused) outcome).code()).isEqualTo(code);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void reportsAMalformedTransactionAsRefusedByItsProblemType() {
		horizon.stubFor(submitStub().willReturn(problemResponse("transaction_malformed", 400, null)));

		SubmitOutcome outcome = single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr()));

		assertThat(outcome).isEqualTo(new SubmitOutcome.Refused(400, "transaction_malformed", null, List.of()));
		assertThat(((SubmitOutcome.Refused) outcome).code()).isEqualTo("transaction_malformed");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "504|timeout", "503|stale_history", "500|server_error", "502|",
			"429|rate_limit_exceeded", "408|", "404|", "400|", "302|" })
	void anAnswerThatIsNotADefiniteRefusalIsAnUnknownOutcomeAndNeverRetried(int status, String problemType) {
		horizon.stubFor(submitStub().willReturn((problemType != null) ? problemResponse(problemType, status, null)
				: aResponse().withStatus(status).withBody("<html>gateway</html>")));

		assertThat(single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr())))
			.isInstanceOf(SubmitOutcome.Unknown.class);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void aSubmissionThatTimesOutIsAnUnknownOutcomeAndNeverRetried() {
		horizon.stubFor(submitStub().willReturn(okJson(transactionJson(TXID.value(), true)).withFixedDelay(3000)));
		HorizonClient hasty = client(Duration.ofSeconds(3), Duration.ofMillis(1500));

		assertThat(single(hasty.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr()))).isEqualTo(
				new SubmitOutcome.Unknown("Horizon did not answer POST /transactions on Pi Testnet within 1500 ms"));
		// WireMock records a request once it has answered it, after its delay; a retry
		// would have been made before the outcome was returned.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests()).isEqualTo(1));
	}

	@Test
	void aSubmissionWhoseConnectionIsResetIsAnUnknownOutcome() {
		horizon.stubFor(submitStub().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThat(single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr()))).isInstanceOfSatisfying(
				SubmitOutcome.Unknown.class,
				unknown -> assertThat(unknown.reason()).startsWith("Connection to Horizon failed"));
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void aSuccessAboutAnotherTransactionOrUnreadableIsAnUnknownOutcome() {
		String otherHash = "0".repeat(64);
		horizon.stubFor(submitStub().willReturn(okJson(transactionJson(otherHash, true))));
		assertThat(single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr())))
			.isInstanceOf(SubmitOutcome.Unknown.class);

		horizon.stubFor(submitStub().willReturn(aResponse().withStatus(200).withBody("{\"hash\":")));
		assertThat(single(this.client.submit(PiNetwork.TESTNET, TXID, PAYOUT.envelopeXdr())))
			.isInstanceOf(SubmitOutcome.Unknown.class);
	}

	@Test
	void refusesAnEnvelopeThatIsNotBase64WithoutCallingHorizon() {
		for (String envelope : new String[] { null, "", "not base64!", "A".repeat(64 * 1024 + 4) }) {
			StepVerifier.create(this.client.submit(PiNetwork.TESTNET, TXID, envelope))
				.expectError(IllegalArgumentException.class)
				.verify(VERIFY_TIMEOUT);
		}
		assertThat(requests()).isZero();
	}

	// Lookup

	@Test
	void findsALandedTransactionWithItsLedgerMemoAndSuccess() {
		horizon.stubFor(lookupStub().willReturn(okJson(transactionJson(TXID.value(), true))));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isEqualTo(new TransactionLookup.Landed(TXID, 1234567, true, "text", "jGCjzZqgg78B6Pf1wzYHFSBTqNIv"));
	}

	@Test
	void findsATransactionThatLandedButFailed() {
		horizon.stubFor(lookupStub().willReturn(okJson(transactionJson(TXID.value(), false))));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID))).isInstanceOfSatisfying(
				TransactionLookup.Landed.class, landed -> assertThat(landed.successful()).isFalse());
	}

	@Test
	void horizonsNotFoundIsNotFoundAndNotRetried() {
		horizon.stubFor(lookupStub().willReturn(problemResponse("not_found", 404, null)));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isEqualTo(new TransactionLookup.NotFound());
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void a404FromAnythingButHorizonIsUnknown() {
		horizon.stubFor(lookupStub().willReturn(aResponse().withStatus(404).withBody("<html>no route</html>")));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isInstanceOf(TransactionLookup.Unknown.class);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void aLookupRetriesA5xxAndIsUnknownWhenAttemptsRunOut() {
		horizon.stubFor(lookupStub().willReturn(problemResponse("stale_history", 503, null)));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isEqualTo(new TransactionLookup.Unknown("Horizon answered 503 to GET /transactions on Pi Testnet"));
		assertThat(requests()).isEqualTo(3);
	}

	@Test
	void aLookupRetriesA5xxAndFindsTheTransaction() {
		horizon.stubFor(lookupStub().inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("recovered"));
		horizon.stubFor(lookupStub().inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(transactionJson(TXID.value(), true))));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isInstanceOf(TransactionLookup.Landed.class);
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void aLookupThatTimesOutIsUnknown() {
		horizon.stubFor(lookupStub().willReturn(okJson(transactionJson(TXID.value(), true)).withFixedDelay(2000)));
		HorizonClient hasty = client(Duration.ofMillis(300), Duration.ofSeconds(3),
				new HorizonProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(20), 0.0));

		assertThat(single(hasty.transaction(PiNetwork.TESTNET, TXID))).isEqualTo(
				new TransactionLookup.Unknown("Horizon did not answer GET /transactions on Pi Testnet within 300 ms"));
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void aLookupAnswerAboutAnotherTransactionIsUnknown() {
		horizon.stubFor(lookupStub().willReturn(okJson(transactionJson("f".repeat(64), true))));

		assertThat(single(this.client.transaction(PiNetwork.TESTNET, TXID)))
			.isInstanceOf(TransactionLookup.Unknown.class);
	}

}
