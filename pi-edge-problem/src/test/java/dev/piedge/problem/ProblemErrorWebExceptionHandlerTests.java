package dev.piedge.problem;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ProblemErrorWebExceptionHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemErrorWebExceptionHandler handler = new ProblemErrorWebExceptionHandler();

	@Test
	void rendersAKnownProblemWithItsCodeHeadersAndExtras() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1"));

		this.handler.handle(exchange, new Teapot()).block(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.I_AM_A_TEAPOT);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("3");
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"code\":\"short_and_stout\"")
			.contains("\"status\":418")
			.contains("\"instance\":\"/orders/1\"")
			.contains("\"spout\":\"left\"");
	}

	@Test
	void rendersEveryMemberInOrderWithATypeOnNoDomain() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1"));

		this.handler.handle(exchange, new Teapot()).block(Duration.ofSeconds(5));

		Map<String, Object> body = JSON.readValue(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)),
				new TypeReference<LinkedHashMap<String, Object>>() {
				});
		assertThat(body).containsExactly(entry("type", "about:blank"), entry("title", "I'm a teapot"),
				entry("status", 418), entry("detail", "I am a teapot."), entry("instance", "/orders/1"),
				entry("code", "short_and_stout"), entry("spout", "left"));
	}

	@Test
	void givesTheRawPathAsInstanceEvenWhenItLooksLikeAnAuthority() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
				URI.create("http://localhost//evil.example/%2e%2e;x=1/a%20b")));

		this.handler.handle(exchange, new Teapot()).block(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"instance\":\"//evil.example/%2e%2e;x=1/a%20b\"");
	}

	@Test
	void answersUnexpectedFailuresWithoutAnyDetail() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));

		this.handler.handle(exchange, new IllegalStateException("secret-token-abc in a stack trace"))
			.block(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"code\":\"internal_error\"")
			.doesNotContain("secret-token-abc")
			.doesNotContain("IllegalStateException");
	}

	@Test
	void givesFrameworkStatusesStableCodes() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/missing"));

		this.handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND)).block(Duration.ofSeconds(5));

		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"code\":\"not_found\"");
	}

	static final class Teapot extends ProblemException {

		Teapot() {
			super(HttpStatus.I_AM_A_TEAPOT, TeapotProblemCode.SHORT_AND_STOUT, "I am a teapot.");
		}

		@Override
		public HttpHeaders headers() {
			HttpHeaders headers = new HttpHeaders();
			headers.set("Retry-After", "3");
			return headers;
		}

		@Override
		public Map<String, Object> extra() {
			return Map.of("spout", "left");
		}

	}

	enum TeapotProblemCode implements ProblemCode {

		SHORT_AND_STOUT;

		@Override
		public String code() {
			return "short_and_stout";
		}

	}

}
