package dev.piedge.sidecar.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's malformed request to any callback is a 4xx problem with a stable code: Pi is
 * never called and the log gets no error and no stack trace. The body limit is
 * {@code spring.http.codecs.max-in-memory-size} from application.yml (64KB), below
 * Spring's own default of 256KB, so these tests also prove it is in force.
 */
class CallbackInputIntegrationTests extends HandshakeIntegrationTestSupport {

	private static final int BODY_LIMIT = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void captureLog() {
		this.log.start();
		rootLogger().addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		rootLogger().detachAppender(this.log);
		this.log.stop();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "approve|/", "approve|json", "approve|application/", "approve|application/json; charset=nonsense",
					"complete|/", "complete|json", "complete|application/",
					"complete|application/json; charset=nonsense", "cancel|/", "cancel|json", "cancel|application/",
					"cancel|application/json; charset=nonsense", "incomplete|/", "incomplete|json",
					"incomplete|application/", "incomplete|application/json; charset=nonsense", "error|/", "error|json",
					"error|application/", "error|application/json; charset=nonsense",
					"cancel|application/json; charset=\"\"", "cancel|application/json; charset=utf-8; charset=nonsense",
					"cancel|application/json; =x", "cancel|application/json; charset=\"utf-8", "cancel|text/plain" })
	void refusesAMalformedOrUnsupportedContentTypeWith415(String action, String contentType) {
		String body = "{\"paymentId\":\"pay-in-1\",\"transactionId\":\"" + TXID + "\",\"error\":\"x\"}";

		refusal(raw(action, contentType, body.getBytes(StandardCharsets.UTF_8)), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported_media_type");
		assertPiNeverCalledAndNothingLogged();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "approve|300", "complete|300", "cancel|300", "incomplete|300", "error|300", "cancel|100" })
	void refusesABodyOverTheConfiguredLimitWith413(String action, int kilobytes) {
		refusal(raw(action, "application/json", paddedBody("pay-in-2", kilobytes * 1024)), HttpStatus.CONTENT_TOO_LARGE,
				"body_too_large");
		assertPiNeverCalledAndNothingLogged();
	}

	@Test
	void refusesABodyOneByteOverTheLimit() {
		refusal(raw("cancel", "application/json", paddedBody("pay-in-3", BODY_LIMIT + 1)), HttpStatus.CONTENT_TOO_LARGE,
				"body_too_large");
		assertPiNeverCalledAndNothingLogged();
	}

	@Test
	void acceptsABodyOfExactlyTheLimitAsNormal() {
		piHas("pay-in-4", ALICE, "3.14", false, false, false, null);
		piAccepts("pay-in-4", "cancel", ALICE, "3.14", false, false, true, null);

		raw("cancel", "application/json", paddedBody("pay-in-4", BODY_LIMIT)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(piCalls("pay-in-4", "cancel")).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"paymentId\":", "{'paymentId':'pay-in-5'}", "{paymentId:1}", "[1,2", "\"unterminated",
			"{\"paymentId\":\"pay-in-5\"}}", "nul" })
	void refusesMalformedJsonWith400(String body) {
		refusal(raw("cancel", "application/json", body.getBytes(StandardCharsets.UTF_8)), HttpStatus.BAD_REQUEST,
				"invalid_request");
		assertPiNeverCalledAndNothingLogged();
	}

	@Test
	void refusesBytesThatAreNotUtf8With400() {
		byte[] body = { '{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

		refusal(raw("cancel", "application/json", body), HttpStatus.BAD_REQUEST, "invalid_request");
		assertPiNeverCalledAndNothingLogged();
	}

	/**
	 * Sends the bytes as they are: WebTestClient's encoders would parse the Content-Type
	 * themselves and fail before anything is sent.
	 */
	private WebTestClient.ResponseSpec raw(String action, String contentType, byte[] body) {
		return this.client.post()
			.uri("/pi_payment/" + action)
			.header("Content-Type", contentType)
			.body(BodyInserters.fromDataBuffers(Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(body))))
			.exchange();
	}

	/**
	 * Asserts with AssertJ on the returned result: WebTestClient's own assertions print
	 * the request on failure, and parsing its malformed Content-Type for that would hide
	 * the real failure.
	 */
	private static void refusal(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
		EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
		String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
		assertThat(result.getStatus()).as(body).isEqualTo(status);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		assertThat(problem.get("code").asString()).isEqualTo(code);
	}

	/** A valid JSON object of exactly this many bytes. */
	private static byte[] paddedBody(String paymentId, int size) {
		String head = "{\"paymentId\":\"" + paymentId + "\",\"padding\":\"";
		String tail = "\"}";
		byte[] body = (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
		assertThat(body).hasSize(size);
		return body;
	}

	private void assertPiNeverCalledAndNothingLogged() {
		assertThat(pi.findAll(anyRequestedFor(urlPathMatching("/v2/.*")))).isEmpty();
		List<ILoggingEvent> events = List.copyOf(this.log.list);
		assertThat(events).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.noneMatch(event -> event.getThrowableProxy() != null);
	}

	private static Logger rootLogger() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
