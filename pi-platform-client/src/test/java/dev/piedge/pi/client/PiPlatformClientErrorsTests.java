package dev.piedge.pi.client;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class PiPlatformClientErrorsTests extends PiApiWireMockSupport {

	private static final String PATH = "/v2/payments/" + PAYMENT_ID;

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	@Test
	void mapsOngoingPaymentFoundWithBlockingPayment() {
		pi.stubFor(post(urlEqualTo("/v2/payments")).willReturn(json(400,
				"{\"error\":\"ongoing_payment_found\",\"error_message\":\"secret-ish upstream text\",\"payment\":"
						+ PAYMENT_JSON + "}")));

		StepVerifier.create(client().createPayment(new NewPayment(BigDecimal.ONE, "m", Map.of(), "uid-1")))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo("ongoing_payment_found");
				assertThat(e.httpStatus()).isEqualTo(400);
				assertThat(e.payment()).hasValueSatisfying(p -> assertThat(p.identifier()).isEqualTo(PAYMENT_ID));
				assertThat(e.verificationError()).isEmpty();
				assertThat(e.getMessage()).contains("ongoing_payment_found").doesNotContain("secret-ish");
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsVerificationFailedWithVerificationError() {
		pi.stubFor(post(urlEqualTo(PATH + "/complete"))
			.willReturn(json(400, "{\"error\":\"verification_failed\",\"error_message\":\"x\","
					+ "\"verification_error\":\"tx_memo_payment_identifier_mismatch\"}")));

		StepVerifier.create(client().completePayment(PaymentId.of(PAYMENT_ID), TxId.of(TXID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo("verification_failed");
				assertThat(e.verificationError()).contains("tx_memo_payment_identifier_mismatch");
				assertThat(e.payment()).isEmpty();
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsCancelForbiddenWithPaymentAsApiErrorNotKeyRejection() {
		pi.stubFor(post(urlEqualTo(PATH + "/cancel")).willReturn(
				json(403, "{\"error\":\"forbidden\",\"error_message\":\"no\",\"payment\":" + PAYMENT_JSON + "}")));

		StepVerifier.create(client().cancelPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo("forbidden");
				assertThat(e.httpStatus()).isEqualTo(403);
				assertThat(e.payment()).isPresent();
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsMissingScopeOn401AsApiError() {
		pi.stubFor(post(urlEqualTo("/v2/payments"))
			.willReturn(json(401, "{\"error\":\"missing_scope\",\"error_message\":\"wallet_address\"}")));

		StepVerifier.create(client().createPayment(new NewPayment(BigDecimal.ONE, "m", null, "uid-1")))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class,
					e -> assertThat(e.code()).isEqualTo("missing_scope")))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void keepsCodeWhenPaymentExtraIsUnreadable() {
		pi.stubFor(post(urlEqualTo(PATH + "/cancel"))
			.willReturn(json(400, "{\"error\":\"already_completed\",\"payment\":{\"identifier\":\"x\"}}")));

		StepVerifier.create(client().cancelPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo("already_completed");
				assertThat(e.payment()).isEmpty();
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsBare404ToPaymentNotFound() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo(PiErrorCodes.PAYMENT_NOT_FOUND);
				assertThat(e.httpStatus()).isEqualTo(404);
			}))
			.verify(VERIFY_TIMEOUT);
		// 4xx is never retried.
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void maps404WithCodeToThatCode() {
		pi.stubFor(get(urlEqualTo(PATH))
			.willReturn(json(404, "{\"error\":\"payment_not_found\",\"error_message\":\"?\"}")));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class,
					e -> assertThat(e.code()).isEqualTo("payment_not_found")))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsHtml400ToUnspecifiedCodeWithoutEchoingBody() {
		pi.stubFor(post(urlEqualTo(PATH + "/approve")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Bad Request SECRET</body></html>")));

		StepVerifier.create(client().approvePayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo(PiApiErrorException.UNSPECIFIED);
				assertThat(e.getMessage()).doesNotContain("html").doesNotContain("SECRET");
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void ignoresErrorCodeThatIsNotAnIdentifier() {
		pi.stubFor(post(urlEqualTo(PATH + "/approve"))
			.willReturn(json(400, "{\"error\":\"<script>alert(1)</script> and more\"}")));

		StepVerifier.create(client().approvePayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiErrorException.class, e -> {
				assertThat(e.code()).isEqualTo(PiApiErrorException.UNSPECIFIED);
				assertThat(e.getMessage()).doesNotContain("script");
			}))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsUnauthorizedKeyCallToApiKeyRejectedWithoutLeakingKey() {
		pi.stubFor(get(urlEqualTo(PATH)).willReturn(json(401,
				"{\"error\":\"unauthorized\",\"error_message\":\"This endpoint requires either a Server API Key\"}")));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(
					error -> assertThat(error).isInstanceOfSatisfying(PiApiKeyRejectedException.class, e -> {
						assertThat(e.httpStatus()).hasValue(401);
						assertThat(e.getMessage()).doesNotContain(API_KEY)
							.contains(PiApiProperties.of(null, API_KEY).keyFingerprint());
					}))
			.verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).isEqualTo(1);
	}

	@Test
	void mapsForbiddenWithoutBodyToApiKeyRejected() {
		pi.stubFor(post(urlEqualTo(PATH + "/approve")).willReturn(aResponse().withStatus(403)));

		StepVerifier.create(client().approvePayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiKeyRejectedException.class,
					e -> assertThat(e.httpStatus()).hasValue(403)))
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void mapsRedirectToBadResponse() {
		pi.stubFor(get(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "https://evil.example/")));

		StepVerifier.create(client().getPayment(PaymentId.of(PAYMENT_ID)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PiApiUnavailableException.class,
					e -> assertThat(e.reason()).isEqualTo(PiApiUnavailableException.Reason.BAD_RESPONSE)))
			.verify(VERIFY_TIMEOUT);
		assertThat(requestCount()).isEqualTo(1);
	}

}
