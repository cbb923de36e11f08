package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class PiPlatformClientPaymentsTests extends PiApiWireMockSupport {

	private static final String PATH = "/v2/payments/" + PAYMENT_ID;

	@Test
	void getPaymentParsesFullPaymentDto() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID))).assertNext(payment -> {
			assertThat(payment.identifier()).isEqualTo(PAYMENT_ID);
			assertThat(payment.userUid()).isEqualTo("uid-123");
			assertThat(payment.amount()).isEqualTo(new BigDecimal("3.14"));
			assertThat(payment.memo()).isEqualTo("Order #1");
			assertThat(payment.metadata()).containsEntry("orderId", 1);
			// Metadata numbers stay exact too.
			assertThat(payment.metadata().get("price")).isEqualTo(new BigDecimal("0.1"));
			assertThat(payment.fromAddress()).isEqualTo("GFROM");
			assertThat(payment.toAddress()).isEqualTo("GTO");
			assertThat(payment.direction()).isEqualTo("user_to_app");
			assertThat(payment.createdAt()).isEqualTo(Instant.parse("2022-05-14T22:59:27.102Z"));
			assertThat(payment.network()).isEqualTo("Pi Testnet");
			assertThat(payment.status()).isEqualTo(new PiPaymentStatus(true, true, false, false, false));
			assertThat(payment.transaction().txid()).isEqualTo(TXID);
			assertThat(payment.transaction().verified()).isTrue();
			assertThat(payment.transaction().link()).isEqualTo("https://api.testnet.minepi.com/transactions/" + TXID);
		}).expectComplete().verify(VERIFY_TIMEOUT);
	}

	@Test
	void keepsAmountExactWithoutDoubleRounding() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(PAYMENT_JSON.replace("3.14", "0.30000000000000001"))));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID))).assertNext(payment -> {
			assertThat(payment.amount().toPlainString()).isEqualTo("0.30000000000000001");
			assertThat(payment.amount()).isNotEqualTo(BigDecimal.valueOf(0.3));
		}).expectComplete().verify(VERIFY_TIMEOUT);
	}

	@Test
	void parses2022PaymentWithoutAddressDirectionNetworkOrTransaction() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("""
				{"identifier":"jGCjzZqgg78B6Pf1wzYHFSBTqNIv","user_uid":"uid-1","amount":1,
				 "memo":"old","metadata":null,"to_address":"GTO","created_at":"2022-01-02T03:04:05.000Z",
				 "status":{"developer_approved":false,"transaction_verified":false,
						   "developer_completed":false,"cancelled":false},
				 "transaction":null}
				""")));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID))).assertNext(payment -> {
			assertThat(payment.fromAddress()).isNull();
			assertThat(payment.direction()).isNull();
			assertThat(payment.network()).isNull();
			assertThat(payment.transaction()).isNull();
			assertThat(payment.metadata()).isEmpty();
			assertThat(payment.amount()).isEqualTo(BigDecimal.ONE);
			assertThat(payment.status().userCancelled()).isFalse();
		}).expectComplete().verify(VERIFY_TIMEOUT);
	}

	@Test
	void sendsApiKeyOnPaymentCalls() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID)))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Key " + API_KEY))
			.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void approvePostsWithoutBody() {
		pi.stubFor(post(urlEqualTo(PATH + "/approve")).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().approvePayment(PaymentId.of(PAYMENT_ID)))
			.assertNext(payment -> assertThat(payment.identifier()).isEqualTo(PAYMENT_ID))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1,
				postRequestedFor(urlEqualTo(PATH + "/approve")).withHeader("Authorization", equalTo("Key " + API_KEY))
					.withHeader("Content-Type", absent()));
		assertThat(pi.getAllServeEvents().get(0).getRequest().getBody()).isEmpty();
	}

	@Test
	void completePostsLowercaseTxid() {
		pi.stubFor(post(urlEqualTo(PATH + "/complete")).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().completePayment(PaymentId.of(PAYMENT_ID), TxId.of(TXID.toUpperCase())))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1,
				postRequestedFor(urlEqualTo(PATH + "/complete")).withHeader("Authorization", equalTo("Key " + API_KEY))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("{\"txid\":\"" + TXID + "\"}")));
	}

	@Test
	void cancelPostsToCancelPath() {
		pi.stubFor(post(urlEqualTo(PATH + "/cancel")).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().cancelPayment(PaymentId.of(PAYMENT_ID)))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1,
				postRequestedFor(urlEqualTo(PATH + "/cancel")).withHeader("Authorization", equalTo("Key " + API_KEY)));
	}

	@Test
	void incompleteServerPaymentsUnwrapsList() {
		pi.stubFor(get(urlEqualTo("/v2/payments/incomplete_server_payments"))
			.willReturn(okJson("{\"incomplete_server_payments\":[" + PAYMENT_JSON + "]}")));

		StepVerifier.create(client().incompleteServerPayments())
			.assertNext(payments -> assertThat(payments).singleElement()
				.satisfies(p -> assertThat(p.identifier()).isEqualTo(PAYMENT_ID)))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1, getRequestedFor(urlEqualTo("/v2/payments/incomplete_server_payments")).withHeader("Authorization",
				equalTo("Key " + API_KEY)));
	}

	@Test
	void incompleteServerPaymentsReturnsEmptyList() {
		pi.stubFor(get(urlEqualTo("/v2/payments/incomplete_server_payments"))
			.willReturn(okJson("{\"incomplete_server_payments\":[]}")));

		StepVerifier.create(client().incompleteServerPayments())
			.assertNext(payments -> assertThat(payments).isEmpty())
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void incompleteServerPaymentsWithoutWrapperIsBadResponse() {
		pi.stubFor(get(urlEqualTo("/v2/payments/incomplete_server_payments")).willReturn(okJson("{}")));

		StepVerifier.create(client().incompleteServerPayments())
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.BAD_RESPONSE)))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void createPaymentWrapsBodyAndKeepsAmountExact() {
		pi.stubFor(post(urlEqualTo("/v2/payments")).willReturn(okJson(PAYMENT_JSON)));
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("orderId", 42);
		metadata.put("note", null);

		StepVerifier
			.create(client().createPayment(new NewPayment(new BigDecimal("3.14"), "Refund", metadata, "uid-123")))
			.assertNext(payment -> assertThat(payment.amount()).isEqualByComparingTo("3.14"))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		pi.verify(1, postRequestedFor(urlEqualTo("/v2/payments")).withHeader("Authorization", equalTo("Key " + API_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"payment":{"amount":3.14,"memo":"Refund","metadata":{"orderId":42,"note":null},"uid":"uid-123"}}
					""")));
		assertThat(pi.getAllServeEvents().get(0).getRequest().getBodyAsString()).contains("\"amount\":3.14");
	}

	@Test
	void createPaymentWritesLargeAmountPlain() {
		pi.stubFor(post(urlEqualTo("/v2/payments")).willReturn(okJson(PAYMENT_JSON)));

		StepVerifier.create(client().createPayment(new NewPayment(new BigDecimal("1E+1"), "", null, "uid-123")))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);

		assertThat(pi.getAllServeEvents().get(0).getRequest().getBodyAsString()).contains("\"amount\":10")
			.contains("\"metadata\":{}");
	}

	@Test
	void failsWithoutCallingPiWhenNoKeyConfigured() {
		PiPlatformClient client = new PiPlatformClient(properties("", VERIFY_TIMEOUT, null));

		StepVerifier.create(client.getPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiKeyRejectedException.class,
					e -> assertThat(e.httpStatus()).isEmpty()))
			.verify(VERIFY_TIMEOUT);
		StepVerifier.create(client.approvePayment(PaymentId.of(PAYMENT_ID)))
			.expectError(PiApiKeyRejectedException.class)
			.verify(VERIFY_TIMEOUT);
		StepVerifier.create(client.completePayment(PaymentId.of(PAYMENT_ID), TxId.of(TXID)))
			.expectError(PiApiKeyRejectedException.class)
			.verify(VERIFY_TIMEOUT);
		StepVerifier.create(client.cancelPayment(PaymentId.of(PAYMENT_ID)))
			.expectError(PiApiKeyRejectedException.class)
			.verify(VERIFY_TIMEOUT);
		StepVerifier.create(client.incompleteServerPayments())
			.expectError(PiApiKeyRejectedException.class)
			.verify(VERIFY_TIMEOUT);
		StepVerifier.create(client.createPayment(new NewPayment(BigDecimal.ONE, "m", Map.of(), "uid")))
			.expectError(PiApiKeyRejectedException.class)
			.verify(VERIFY_TIMEOUT);

		assertThat(requestCount()).isZero();
	}

	@Test
	void honoursBaseUrlPathPrefix() {
		pi.stubFor(get(urlEqualTo("/pi/v2/payments/" + PAYMENT_ID)).willReturn(okJson(PAYMENT_JSON)));
		PiPlatformClient client = new PiPlatformClient(
				PiApiProperties.of(java.net.URI.create(pi.baseUrl() + "/pi/"), API_KEY));

		StepVerifier.create(client.getPayment(PaymentId.of(PAYMENT_ID)))
			.expectNextCount(1)
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

}
