package dev.piedge.proxy.payment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiPaymentEndpointTests {

	@ParameterizedTest
	@CsvSource({ "/pi_payment/approve,                            /pi_payment/approve",
			"/shop/pi_payment/complete,                      /pi_payment/complete",
			"/api/pi_payment/cancel,                         /pi_payment/cancel",
			"/a/b/api/pi_payment/incomplete,                 /pi_payment/incomplete",
			"/a/pi_payment/error,                            /pi_payment/error",
			"/pi_payment/payments,                           /pi_payment/payments",
			"/pi_payment/payments/abc123,                    /pi_payment/payments/abc123",
			"/deep/er/api/pi_payment/payments/jGCjz_Zq-g78B, /pi_payment/payments/jGCjz_Zq-g78B",
			// The endpoint is the tail; an earlier pi_payment segment is just part of the
			// prefix.
			"/pi_payment/x/pi_payment/approve,               /pi_payment/approve",
			"/pi_payment/payments/pi_payment,                /pi_payment/payments/pi_payment" })
	void mapsEndpointAtAnyDepthToTheSidecarPath(String rawPath, String sidecarPath) {
		assertThat(PiPaymentEndpoint.of(rawPath)).map(PiPaymentEndpoint::sidecarPath).contains(sidecarPath);
		assertThat(PiPaymentEndpoint.inNamespace(rawPath)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pi_payment", "/pi_payment/", "/pi_payment/approve/", "/pi_payment/refund",
			"/pi_payment/Approve", "/shop/pi_payment/approve/extra", "/pi_payment/payments/",
			"/pi_payment/payments/abc/def", "/pi_payment/payments/abc.json", "/pi_payment/payments/a%41",
			"/pi_payment/payments/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			"/pi%5Fpayment/approve", "/pi_payment/appr%6Fve", "/pi_payment/complete/pi_payment" })
	void refusesAnythingElseInTheNamespace(String rawPath) {
		assertThat(PiPaymentEndpoint.of(rawPath)).isEmpty();
	}

	@Test
	void acceptsPaymentIdsUpTo64Characters() {
		assertThat(PiPaymentEndpoint.of("/pi_payment/payments/" + "x".repeat(64))).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/pi_payments/approve", "/shop/pi_paymentx/approve", "/pay/approve",
			"/pi%5Fpayment/approve" })
	void leavesOtherPathsOutOfTheNamespace(String rawPath) {
		assertThat(PiPaymentEndpoint.inNamespace(rawPath)).isFalse();
	}

}
