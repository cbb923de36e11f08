package dev.piedge.proxy.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way a client might get an access token past the proxy to the payment sidecar on a
 * {@code pi-token-from-body} route ({@code pi-payments} in {@code application-test.yml}):
 * whatever the method, type, coding or framing of the body, the sidecar either receives
 * one JSON object without a top-level {@code accessToken}, or nothing at all while the
 * client gets a 400 or 415.
 */
@ExtendWith(OutputCaptureExtension.class)
class BodyTokenGlobalFilterAttackIntegrationTests extends GatewayIntegrationTestSupport {

	private static final String APPROVE = "/shop/pi_payment/approve";

	private static final String WITH_TOKEN = "{\"paymentId\":\"pay-1\",\"accessToken\":\"shape-token\"}";

	private static final String WITHOUT_TOKEN = "{\"paymentId\":\"pay-1\"}";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', nullValues = "none",
			value = { "POST   | application/vnd.api+json", "POST   | application/merge-patch+json",
					"POST   | application/json; charset=UTF-8", "POST   | Application/JSON;Charset=utf-8",
					"PUT    | application/json", "PUT    | none", "PATCH  | application/json",
					"DELETE | application/json", "GET    | application/json", "OPTIONS| application/json" })
	void jsonBodyOfAnyJsonTypeAndMethodReachesTheSidecarWithoutTheToken(String method, String type) throws IOException {
		piKnows("shape-token", "uid-shape", "sha", List.of("payments"), Duration.ofHours(1));

		RawHttp.Answer answer = send(method, APPROVE, utf8(WITH_TOKEN), typeHeader(type));

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getMethod().value()).isEqualTo(method);
		assertThat(forwarded.getBodyAsString()).isEqualTo(WITHOUT_TOKEN);
		assertThat(forwarded.getHeader("Content-Length")).isEqualTo(Integer.toString(WITHOUT_TOKEN.length()));
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-shape");
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PATCH" })
	void tokenKeySpelledWithUnicodeEscapesIsTakenOutAndVerified(String method) throws IOException {
		piKnows("escaped-token", "uid-escaped", null, List.of("payments"), Duration.ofHours(1));

		RawHttp.Answer answer = send(method, APPROVE,
				utf8("{\"paymentId\":\"pay-1\",\"access\\u0054oken\":\"escaped-token\"}"),
				"Content-Type: application/json");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo(WITHOUT_TOKEN);
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-escaped");
	}

	/**
	 * pi-sdk-js sends its token only as the top-level accessToken of approve; nested
	 * values are the app's data.
	 */
	@Test
	void nestedAccessTokenIsForwardedAsDataWhileTheTopLevelOneIsTakenOut() throws IOException {
		piKnows("top-token", "uid-top", null, List.of("payments"), Duration.ofHours(1));
		String nested = "{\"paymentId\":\"pay-1\",\"payment\":{\"accessToken\":\"nested\"}}";

		RawHttp.Answer answer = send("PATCH", APPROVE, utf8(
				"{\"paymentId\":\"pay-1\",\"accessToken\":\"top-token\",\"payment\":{\"accessToken\":\"nested\"}}"),
				"Content-Type: application/json");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo(nested);
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-top");
		assertThat(meCalls()).as("only the top-level token is verified").isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"paymentId\":\"pay-1\",\"accessToken\":\"t\"", // cut
																				// short
			"{\"paymentId\":\"pay-1\"} {\"accessToken\":\"t\"}", // a second value after
																	// the object
			"{\"paymentId\":\"pay-1\",\"accessToken\":\"t\"} trailing", "[{\"accessToken\":\"t\"}]", "\"accessToken\"",
			"null", "42", "   ", "{'accessToken':'t'}", "{\"accessToken\":\"t\",}", "/* c */ {\"accessToken\":\"t\"}",
			"{\"accessToken\":\"a\",\"paymentId\":\"pay-1\",\"accessToken\":\"b\"}",
			"{\"paymentId\":\"pay-1\",\"access\\u0054oken\":\"a\",\"accessToken\":\"b\"}" })
	void bodyThatIsNotExactlyOneJsonObjectIsRefusedWith400(String body) throws IOException {
		RawHttp.Answer answer = send("POST", APPROVE, utf8(body), "Content-Type: application/json");

		assertRefused(answer, 400, "invalid_body");
	}

	@Test
	void bodyThatIsNotUtf8IsRefusedWith400() throws IOException {
		byte[] latin1 = "{\"paymentId\":\"caf\u00e9\",\"accessToken\":\"t\"}".getBytes(StandardCharsets.ISO_8859_1);

		RawHttp.Answer answer = send("POST", APPROVE, latin1, "Content-Type: application/json");

		assertRefused(answer, 400, "invalid_body");
	}

	/**
	 * Deeper than the parser will go (well within the size limit): a client error, not a
	 * stack overflow or a 500.
	 */
	@Test
	void deeplyNestedBodyIsRefusedWith400() throws IOException {
		String body = "{\"accessToken\":\"t\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

		RawHttp.Answer answer = send("POST", APPROVE, utf8(body), "Content-Type: application/json");

		assertRefused(answer, 400, "invalid_body");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
			"multipart/form-data; boundary=b", "application/xml", "application/octet-stream", "*/*", "application/*",
			"application/jsonx", "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
			"application/json; charset=bogus", "json", "application/", "/", "application/json, text/plain" })
	void bodyOfAnyOtherContentTypeIsRefusedWith415(String type) throws IOException {
		RawHttp.Answer answer = send("POST", APPROVE, utf8(WITH_TOKEN), "Content-Type: " + type);

		assertRefused(answer, 415, "unsupported_media_type");
	}

	@Test
	void formBodyWithATokenIsRefusedWith415() throws IOException {
		RawHttp.Answer answer = send("PUT", APPROVE, utf8("paymentId=pay-1&accessToken=form-token"),
				"Content-Type: application/x-www-form-urlencoded");

		assertRefused(answer, 415, "unsupported_media_type");
	}

	@Test
	void repeatedContentTypeIsRefusedWith415() throws IOException {
		RawHttp.Answer answer = send("POST", APPROVE, utf8(WITH_TOKEN), "Content-Type: text/plain",
				"Content-Type: application/json");

		assertRefused(answer, 415, "unsupported_media_type");
	}

	@Test
	void gzippedBodyIsRefusedWith415() throws IOException {
		RawHttp.Answer answer = send("POST", APPROVE, gzip(utf8(WITH_TOKEN)), "Content-Type: application/json",
				"Content-Encoding: gzip");

		assertRefused(answer, 415, "unsupported_media_type");
		assertThat(answer.text()).containsIgnoringCase("Accept-Encoding: identity");
	}

	/**
	 * The proxy cannot tell a lying coding from a true one, and the sidecar might decode
	 * it: any coding is refused.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "deflate", "br", "x-gzip", "GZIP", "identity, gzip", "zstd" })
	void bodyWithAnyOtherContentCodingIsRefusedWith415(String coding) throws IOException {
		RawHttp.Answer answer = send("POST", APPROVE, utf8(WITH_TOKEN), "Content-Type: application/json",
				"Content-Encoding: " + coding);

		assertRefused(answer, 415, "unsupported_media_type");
	}

	@Test
	void chunkedJsonBodyOfAnyMethodIsForwardedWithoutTheTokenAndWithItsLength() throws IOException {
		piKnows("chunk-token", "uid-chunk", null, List.of("payments"), Duration.ofHours(1));
		String part1 = "{\"paymentId\":\"pay-1\",";
		String part2 = "\"accessToken\":\"chunk-token\"}";

		RawHttp.Answer answer = RawHttp.send(this.port, "PATCH " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\nContent-Type: application/vnd.api+json\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ chunk(part1) + chunk(part2) + "0\r\n\r\n");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlySidecarRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo(WITHOUT_TOKEN);
		assertThat(forwarded.getHeader("Content-Length")).isEqualTo(Integer.toString(WITHOUT_TOKEN.length()));
		assertThat(forwarded.containsHeader("Transfer-Encoding")).isFalse();
		assertThat(forwarded.getHeader("X-Pi-Uid")).isEqualTo("uid-chunk");
	}

	@Test
	void chunkedBodyOfAnotherTypeIsRefusedWith415() throws IOException {
		RawHttp.Answer answer = RawHttp.send(this.port,
				"PUT " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
						+ "Connection: close\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ chunk(WITH_TOKEN) + "0\r\n\r\n");

		assertRefused(answer, 415, "unsupported_media_type");
	}

	/**
	 * A Content-Length shorter than what follows cuts the body; the rest is a separate
	 * (bad) request.
	 */
	@Test
	void bodyCutShortByItsContentLengthIsRefused() throws IOException {
		String cut = "{\"paymentId\":\"pay-1\",\"accessToken\":\"t\"";

		RawHttp.Answer answer = RawHttp.send(this.port,
				"POST " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
						+ "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + cut.length()
						+ "\r\n\r\n" + cut + "}");

		assertRefused(answer, 400, "invalid_body");
	}

	/**
	 * The classic smuggling pair: Reactor Netty refuses it before any filter, so the two
	 * hops cannot disagree.
	 */
	@Test
	void contentLengthNextToTransferEncodingIsRefused() throws IOException {
		RawHttp.Answer answer = RawHttp.send(this.port,
				"PUT " + APPROVE + " HTTP/1.1\r\nHost: localhost\r\n"
						+ "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n" + chunk(WITH_TOKEN) + "0\r\n\r\n");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(backendRequests()).isEmpty();
	}

	/**
	 * A Content-Length longer than what is sent: the client gives up half way. Nothing
	 * reaches the sidecar, and the proxy records a client error, not an ERROR with a
	 * stack trace.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT" })
	void bodyThatStopsHalfWayIsNeverForwardedNorLoggedAsAnError(String method, CapturedOutput output)
			throws IOException {
		// A path of its own, so no other test's access line can be taken for this one's.
		String path = "/stops-half-way/pi_payment/approve";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 200\r\n\r\n" + WITH_TOKEN)
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			socket.getInputStream().transferTo(OutputStream.nullOutputStream());
		}

		String accessLine = "method=" + method + " path=" + path + " route=pi-payments status=";
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(accessLine));
		// The same answer as a body that stops half way on any route
		// (IncompleteRequestBodyWebFilter).
		assertThat(output.getOut()).contains(accessLine + "408").doesNotContain("AbortedException");
		assertThat(output.getAll()).doesNotContain(" ERROR ");
		assertThat(backendRequests()).isEmpty();
	}

	private RawHttp.Answer send(String method, String target, byte[] body, String... headerLines) throws IOException {
		StringBuilder request = new StringBuilder(method).append(' ')
			.append(target)
			.append(" HTTP/1.1\r\n")
			.append("Host: localhost\r\nConnection: close\r\n");
		for (String line : headerLines) {
			if (line != null) {
				request.append(line).append("\r\n");
			}
		}
		request.append("Content-Length: ")
			.append(body.length)
			.append("\r\n\r\n")
			.append(new String(body, StandardCharsets.ISO_8859_1));
		return RawHttp.send(this.port, request.toString());
	}

	private static void assertRefused(RawHttp.Answer answer, int status, String code) {
		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.text()).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer.body()).contains("\"code\":\"" + code + "\"");
		assertThat(backendRequests()).as("the sidecar is never called").isEmpty();
		assertThat(meCalls()).as("Pi is never asked").isZero();
	}

	private static String typeHeader(String type) {
		return (type != null) ? "Content-Type: " + type : null;
	}

	private static String chunk(String data) {
		return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
			out.write(data);
		}
		return compressed.toByteArray();
	}

	private static LoggedRequest onlySidecarRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
