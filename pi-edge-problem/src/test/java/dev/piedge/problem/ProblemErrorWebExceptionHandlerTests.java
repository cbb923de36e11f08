package dev.piedge.problem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorWebExceptionHandlerTests {

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
