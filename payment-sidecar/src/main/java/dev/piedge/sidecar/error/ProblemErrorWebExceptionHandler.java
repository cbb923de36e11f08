package dev.piedge.sidecar.error;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Turns every failure into {@code application/problem+json} with a stable {@code code}, in one place.
 * Unexpected failures are logged and answered without detail: no stack trace, no upstream body.
 */
@Component
@Order(-2)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatus status;
		String code;
		String detail;
		Map<String, Object> extra = Map.of();
		if (ex instanceof ProblemException problem) {
			status = problem.status();
			code = problem.code();
			detail = problem.getMessage();
			extra = problem.extra();
			if (problem.retryAfterSeconds() > 0) {
				response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
			}
		}
		else if (ex instanceof DecodingException || ex.getCause() instanceof DecodingException) {
			status = HttpStatus.BAD_REQUEST;
			code = "invalid_request";
			detail = "The request body is not valid JSON.";
		}
		else if (ex instanceof ResponseStatusException statusException) {
			status = HttpStatus.resolve(statusException.getStatusCode().value());
			status = (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
			code = switch (status) {
				case NOT_FOUND -> "not_found";
				case METHOD_NOT_ALLOWED -> "method_not_allowed";
				case CONTENT_TOO_LARGE -> "body_too_large";
				case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
				default -> status.is4xxClientError() ? "invalid_request" : "internal_error";
			};
			detail = status.getReasonPhrase() + ".";
		}
		else {
			log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex);
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			code = "internal_error";
			detail = "Internal error.";
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "https://pi-edge.dev/problems/" + code.replace('_', '-'));
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.put("code", code);
		body.putAll(extra);
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(body))));
	}

}
