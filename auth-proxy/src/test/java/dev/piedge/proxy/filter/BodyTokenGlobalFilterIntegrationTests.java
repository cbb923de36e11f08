package dev.piedge.proxy.filter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pi-token-from-body} on the payment callback route ({@code pi-payments} in
 * {@code application-test.yml}).
 */
class BodyTokenGlobalFilterIntegrationTests extends GatewayIntegrationTestSupport {

	private static final String APPROVE = "/shop/pi_payment/approve";

	@LocalServerPort
	int port;

	@Test
	void approveWithTokenInBodyForwardsIdentityAndABodyWithoutTheToken() {
		piKnows("body-token", "uid-body", "bea", List.of("payments", "username"), Duration.ofHours(1));

		this.client.post()
			.uri(APPROVE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\",\"accessToken\":\"body-token\"}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getUrl()).isEqualTo("/pi_payment/approve");
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-body");
		assertThat(forwarded.getHeader("X-Pi-Identity")).isNotBlank();
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"pay-1\"}");
		assertThat(forwarded.getHeader("Content-Length")).isEqualTo(Integer.toString(forwarded.getBody().length));
		assertThat(forwarded.containsHeader("Authorization")).isFalse();
		pi.verify(1, getRequestedFor(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer body-token")));
	}

	@Test
	void invalidTokenInBodyIsRefusedOnTheOptionalRoute() {
		piRejects("stale-token");

		this.client.post()
			.uri(APPROVE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\",\"accessToken\":\"stale-token\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"pi-edge\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_token");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void malformedTokenInBodyIsRefusedBeforePiIsAsked() {
		this.client.post()
			.uri(APPROVE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\",\"accessToken\":\"two words\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("malformed_token");
		assertThat(backendRequests()).isEmpty();
		assertThat(meCalls()).isZero();
	}

	@Test
	void callbackWithoutAnyTokenIsForwardedAnonymously() {
		this.client.post()
			.uri("/pi_payment/complete")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\",\"transactionId\":\"tx-9\"}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getUrl()).isEqualTo("/pi_payment/complete");
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"pay-1\",\"transactionId\":\"tx-9\"}");
		assertThat(forwarded.containsHeader("X-Pi-Uid")).isFalse();
		assertThat(forwarded.containsHeader("X-Pi-Identity")).isFalse();
		assertThat(meCalls()).isZero();
	}

	@Test
	void authorizationHeaderWinsOverBodyTokenWhichIsStillStripped() {
		piKnows("header-token", "uid-header", "hal", List.of("payments"), Duration.ofHours(1));
		String body = "{\"paymentId\":\"pay-1\",\"accessToken\":\"body-token\"}";

		this.client.post()
			.uri(APPROVE)
			.header("Authorization", "Bearer header-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-header");
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"pay-1\"}");
		assertThat(meCalls()).isEqualTo(1);
		pi.verify(0, getRequestedFor(urlEqualTo("/v2/me")).withHeader("Authorization", equalTo("Bearer body-token")));
	}

	@Test
	void oversizedBodyIsRefusedWith413() {
		String body = "{\"paymentId\":\"pay-1\",\"accessToken\":\"t\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";

		this.client.post()
			.uri(APPROVE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("body_too_large");
		assertThat(backendRequests()).isEmpty();
		assertThat(meCalls()).isZero();
	}

	@Test
	void oversizedChunkedBodyIsRefusedWith413() throws Exception {
		String chunk = "x".repeat(8 * 1024);
		StringBuilder chunks = new StringBuilder();
		for (int i = 0; i < 3; i++) {
			chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		chunks.append("0\r\n\r\n");

		RawHttp.Answer answer = RawHttp.send(this.port, "POST " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("body_too_large");
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void chunkedBodyIsForwardedWithItsNewLength() throws Exception {
		piKnows("chunk-token", "uid-chunk", null, List.of("payments"), Duration.ofHours(1));
		String part1 = "{\"paymentId\":\"pay-2\",";
		String part2 = "\"accessToken\":\"chunk-token\"}";

		RawHttp.Answer answer = RawHttp.send(this.port,
				"POST " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
						+ "Connection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(part1.length()) + "\r\n" + part1 + "\r\n"
						+ Integer.toHexString(part2.length()) + "\r\n" + part2 + "\r\n0\r\n\r\n");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-chunk");
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"pay-2\"}");
		assertThat(forwarded.getHeader("Content-Length")).isEqualTo("21");
		assertThat(forwarded.containsHeader("Transfer-Encoding")).isFalse();
	}

	@Test
	void bodyWithoutContentTypeIsReadAsJson() throws Exception {
		piKnows("untyped-token", "uid-untyped", null, List.of("payments"), Duration.ofHours(1));
		String body = "{\"paymentId\":\"pay-3\",\"accessToken\":\"untyped-token\"}";

		RawHttp.Answer answer = RawHttp.send(this.port,
				"POST " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\nContent-Length: "
						+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-untyped");
		assertThat(forwarded.getBodyAsString()).isEqualTo("{\"paymentId\":\"pay-3\"}");
	}

	/**
	 * Headers that would refuse a body (a non-JSON type, a coding) do not matter when
	 * there is no body.
	 */
	@Test
	void bodylessRequestsPassUntouched() throws Exception {
		piKnows("lookup-token", "uid-lookup", null, List.of("payments"), Duration.ofHours(1));

		RawHttp.Answer lookup = RawHttp.get(this.port, "/shop/pi_payment/payments",
				"Authorization: Bearer lookup-token", "Content-Type: text/plain", "Content-Encoding: gzip");
		RawHttp.Answer emptyPost = RawHttp.send(this.port, "POST /pi_payment/cancel HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");

		assertThat(lookup.status()).isEqualTo(200);
		assertThat(emptyPost.status()).isEqualTo(200);
		List<LoggedRequest> forwarded = backendRequests();
		assertThat(forwarded).hasSize(2);
		LoggedRequest get = forwarded.stream()
			.filter(request -> request.getUrl().equals("/pi_payment/payments"))
			.findFirst()
			.orElseThrow();
		assertThat(get.getHeader("X-Pi-Uid")).isEqualTo("uid-lookup");
		assertThat(get.getHeader("Content-Type")).isEqualTo("text/plain");
		assertThat(get.containsHeader("Content-Length")).isFalse();
		assertThat(get.getBody()).isEmpty();
		LoggedRequest post = forwarded.stream()
			.filter(request -> request.getUrl().equals("/pi_payment/cancel"))
			.findFirst()
			.orElseThrow();
		assertThat(post.getBody()).isEmpty();
	}

	@Test
	void spoofedIdentityHeadersAreStrippedOnThePaymentRoute() {
		this.client.post()
			.uri(APPROVE)
			.header("X-Pi-Uid", "forged")
			.header("X-Pi-Identity", "forged")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\"}")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.containsHeader("X-Pi-Uid")).isFalse();
		assertThat(forwarded.containsHeader("X-Pi-Identity")).isFalse();
	}

	@Test
	void spoofedUidIsReplacedByTheVerifiedOneFromTheBodyToken() {
		piKnows("real-token", "uid-real", "real", List.of("payments"), Duration.ofHours(1));

		this.client.post()
			.uri(APPROVE)
			.header("X-Pi-Uid", "forged")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"paymentId\":\"pay-1\",\"accessToken\":\"real-token\"}")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(onlySidecarRequest().getHeaders().getHeader("X-Pi-Uid").values()).containsExactly("uid-real");
	}

	@Test
	void routesWithoutTheFlagNeverReadTheBody() {
		String body = "{\"accessToken\":\"ignored-token\"}";

		this.client.post()
			.uri("/optional/form")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo(body);
		assertThat(forwarded.containsHeader("X-Pi-Uid")).isFalse();
		assertThat(meCalls()).isZero();
	}

	private static LoggedRequest onlySidecarRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
