package dev.piedge.pi.client;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class PiPlatformClientResilienceTests extends PiApiWireMockSupport {

	private static final String PATH = "/v2/payments/" + PAYMENT_ID;

	private static final PaymentId ID = PaymentId.of(PAYMENT_ID);

	private static void expectUnavailable(Mono<?> call, PiApiUnavailableException.Reason reason) {
		StepVerifier.create(call)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(reason)))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void retriesGetOn503ThenSucceeds() {
		pi.stubFor(get(urlEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		pi.stubFor(get(urlEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().getPayment(ID))
			.assertNext(payment -> assertThat(payment.identifier()).isEqualTo(PAYMENT_ID))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).isEqualTo(2);
	}

	@Test
	void givesUpGetAfterMaxAttemptsOn500() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));

		expectUnavailable(client().getPayment(ID), PiApiUnavailableException.Reason.SERVER_ERROR);
		assertThat(requestCount()).isEqualTo(3);
	}

	@Test
	void retriesIncompleteServerPaymentsOn502() {
		pi.stubFor(get(urlEqualTo("/v2/payments/incomplete_server_payments")).willReturn(aResponse().withStatus(502)));

		expectUnavailable(client().incompleteServerPayments(), PiApiUnavailableException.Reason.SERVER_ERROR);
		assertThat(requestCount()).isEqualTo(3);
	}

	@Test
	void doesNotRetryAnyPostOn503() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
		PiPlatformClient client = client();
		Map<String, Function<PiPlatformClient, Mono<?>>> posts = Map.of("approve", c -> c.approvePayment(ID),
				"complete", c -> c.completePayment(ID, TxId.of(TXID)), "cancel", c -> c.cancelPayment(ID), "create",
				c -> c.createPayment(new NewPayment(BigDecimal.TEN, "m", null, "uid-1")));

		posts.forEach((name, call) -> {
			pi.resetRequests();
			expectUnavailable(call.apply(client), PiApiUnavailableException.Reason.SERVER_ERROR);
			assertThat(requestCount()).as(name).isEqualTo(1);
		});
	}

	@Test
	void retriesGetAfterRetryAfterOn429() {
		pi.stubFor(get(urlEqualTo(PATH)).inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ok"));
		pi.stubFor(
				get(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("ok").willReturn(okJson(PAYMENT_JSON)));
		PiPlatformClient client = new PiPlatformClient(properties(API_KEY, Duration.ofSeconds(3),
				new PiApiProperties.Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2), 0.5)));

		long start = System.nanoTime();
		StepVerifier.create(client.getPayment(ID)).expectNextCount(1).expectComplete().verify(VERIFY_TIMEOUT);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(requestCount()).isEqualTo(2);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void failsAtOnceOn429WhenRetryAfterExceedsMaxBackoff() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		StepVerifier.create(client().getPayment(ID))
			.expectErrorSatisfies(
					error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class, e -> {
						assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.RATE_LIMITED);
						assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
					}))
			.verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void reportsRateLimitOnPostWithoutRetry() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

		StepVerifier.create(client().approvePayment(ID))
			.expectErrorSatisfies(
					error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class, e -> {
						assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.RATE_LIMITED);
						assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
					}))
			.verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void timesOutSlowAnswerAndRetriesGet() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(PAYMENT_JSON).withFixedDelay(2_000)));
		PiPlatformClient client = new PiPlatformClient(properties(API_KEY, Duration.ofMillis(300),
				new PiApiProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(20), 0.0)));

		expectUnavailable(client.getPayment(ID), PiApiUnavailableException.Reason.TIMEOUT);
		assertThat(requestCount()).isEqualTo(2);
	}

	@Test
	void mapsConnectionResetToConnection() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		expectUnavailable(client().approvePayment(ID), PiApiUnavailableException.Reason.CONNECTION);
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void retriesGetOnConnectionReset() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		expectUnavailable(client().getPayment(ID), PiApiUnavailableException.Reason.CONNECTION);
		assertThat(requestCount()).isEqualTo(3);
	}

	@Test
	void mapsRefusedConnectionToConnection() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		PiPlatformClient client = new PiPlatformClient(
				PiApiProperties.of(URI.create("http://127.0.0.1:" + closedPort), API_KEY));

		expectUnavailable(client.approvePayment(ID), PiApiUnavailableException.Reason.CONNECTION);
	}

	@Test
	void mapsHtml500ToServerErrorWithoutEchoingHtml() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><head><title>Internal Server Error</title></head><body>nginx SECRET</body></html>")));

		StepVerifier.create(client().approvePayment(ID)).expectErrorSatisfies(error -> {
			assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.SERVER_ERROR));
			assertThat(error.getMessage()).contains("500").doesNotContain("html").doesNotContain("SECRET");
			assertThat(error.getCause()).isNull();
		}).verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsOversizedAnswerToBadResponseWithoutRetry() {
		String padding = "x".repeat(4096);
		pi.stubFor(
				get(urlEqualTo(PATH)).willReturn(okJson(PAYMENT_JSON.replace("\"Order #1\"", "\"" + padding + "\""))));
		PiPlatformClient client = new PiPlatformClient(
				new PiApiProperties(URI.create(pi.baseUrl()), API_KEY, null, null, DataSize.ofKilobytes(1), null));

		expectUnavailable(client.getPayment(ID), PiApiUnavailableException.Reason.BAD_RESPONSE);
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void mapsUnparseableSuccessToBadResponseWithoutEchoingBody() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>SECRET maintenance page</html>")));

		StepVerifier.create(client().getPayment(ID)).expectErrorSatisfies(error -> {
			assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.BAD_RESPONSE));
			assertThat(error.getMessage()).doesNotContain("SECRET");
			assertThat(error.getCause()).isNull();
		}).verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsEmptySuccessToBadResponse() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

		expectUnavailable(client().getPayment(ID), PiApiUnavailableException.Reason.BAD_RESPONSE);
	}

	@Test
	void readsServerErrorEvenWhenErrorPageExceedsSizeLimit() {
		pi.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("y".repeat(8192))));
		PiPlatformClient client = new PiPlatformClient(
				new PiApiProperties(URI.create(pi.baseUrl()), API_KEY, null, null, DataSize.ofKilobytes(1), null));

		expectUnavailable(client.approvePayment(ID), PiApiUnavailableException.Reason.SERVER_ERROR);
	}

}
