package dev.piedge.proxy.payment;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pi-payments} test route, configured like {@code config/auth-proxy.yml}'s
 * {@code payments} route, with the WireMock backend playing the sidecar.
 */
class PiPaymentRouteIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource({ "/pi_payment/approve,                  /pi_payment/approve",
			"/shop/pi_payment/approve,             /pi_payment/approve",
			"/api/pi_payment/complete,             /pi_payment/complete",
			"/a/b/api/pi_payment/complete,         /pi_payment/complete",
			"/shop/cart/pi_payment/cancel,         /pi_payment/cancel",
			"/x/pi_payment/incomplete,             /pi_payment/incomplete",
			"/x/y/z/pi_payment/error,              /pi_payment/error" })
	void routesCallbacksAtAnyDepthToTheSidecarPath(String path, String sidecarPath) {
		this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"p-1\"}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getMethod().value()).isEqualTo("POST");
		assertThat(forwarded.getUrl()).isEqualTo(sidecarPath);
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"p-1\"}");
	}

	@ParameterizedTest
	@CsvSource({ "/pi_payment/payments,                     /pi_payment/payments",
			"/shop/api/pi_payment/payments?page=2,     /pi_payment/payments?page=2",
			"/pi_payment/payments/abc123,              /pi_payment/payments/abc123",
			"/a/b/pi_payment/payments/jGCjz_Zq-g78B,   /pi_payment/payments/jGCjz_Zq-g78B" })
	void routesPaymentLookupsKeepingTheQuery(String path, String sidecarUrl) {
		this.client.get().uri(path).exchange().expectStatus().isOk();

		assertThat(onlySidecarRequest().getUrl()).isEqualTo(sidecarUrl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pi_payment/refund", "/shop/pi_payment/approve/extra", "/pi_payment/approve/",
			"/pi_payment", "/a/pi_payment/payments/abc.json", "/pi_payment/payments/a~b", "/pi_payment/payments/a/b",
			"/pi_payment/Approve" })
	void refusesAnyOtherPathInThePaymentNamespaceWithoutCallingTheSidecar(String path) {
		piKnows("good-token", "uid-good", "good", List.of("payments"), Duration.ofHours(1));

		this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"p-1\",\"accessToken\":\"good-token\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unknown_payment_endpoint")
			.jsonPath("$.status")
			.isEqualTo(404);
		assertThat(backendRequests()).isEmpty();
		assertThat(meCalls()).as("an unknown endpoint is refused before Pi is asked").isZero();
	}

	@Test
	void encodedPaymentSegmentIsNotTheSidecarRoute() throws Exception {
		// PathPattern would decode pi%5Fpayment to pi_payment, but the raw path is what
		// gets forwarded.
		RawHttp.Answer answer = RawHttp.get(this.port, "/shop/pi%5Fpayment/approve");

		assertThat(answer.status()).as("the catch-all test route requires a token").isEqualTo(401);
		assertThat(answer.body()).contains("missing_token");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void lookalikeSegmentsStayOnTheirOwnRoutes() {
		this.client.post().uri("/optional/pi_payments/approve").exchange().expectStatus().isOk();

		assertThat(onlySidecarRequest().getUrl()).isEqualTo("/optional/pi_payments/approve");
	}

	private static LoggedRequest onlySidecarRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
