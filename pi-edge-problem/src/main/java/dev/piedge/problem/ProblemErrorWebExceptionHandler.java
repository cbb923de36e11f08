package dev.piedge.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;

/**
 * The one place where every failure becomes {@code application/problem+json} with a
 * stable {@code code}. Unexpected failures are logged here and answered without any
 * detail, so no stack trace or upstream body ever reaches a client.
 */
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		Problem problem = problemFor(exchange, ex);
		response.setStatusCode(problem.status());
		if (ex instanceof ProblemException known) {
			known.headers().forEach((name, values) -> response.getHeaders().put(name, values));
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = JSON.writeValueAsBytes(problem.body(exchange.getRequest().getPath().value()));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static Problem problemFor(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ProblemException known) {
			return new Problem(known.status(), known.code(), known.getMessage(), known.extra());
		}
		if (ex instanceof DecodingException || ex.getCause() instanceof DecodingException
				|| ex instanceof ServerWebInputException) {
			return new Problem(HttpStatus.BAD_REQUEST, FrameworkProblemCode.INVALID_REQUEST.code(),
					"The request body cannot be read.", Map.of());
		}
		if (ex instanceof ResponseStatusException statusException) {
			HttpStatus status = HttpStatus.resolve(statusException.getStatusCode().value());
			return forStatus((status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR);
		}
		log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex);
		return forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	private static Problem forStatus(HttpStatus status) {
		FrameworkProblemCode code = switch (status) {
			case NOT_FOUND -> FrameworkProblemCode.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> FrameworkProblemCode.METHOD_NOT_ALLOWED;
			case CONTENT_TOO_LARGE -> FrameworkProblemCode.BODY_TOO_LARGE;
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> FrameworkProblemCode.HEADERS_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> FrameworkProblemCode.UNSUPPORTED_MEDIA_TYPE;
			case BAD_REQUEST -> FrameworkProblemCode.BAD_REQUEST;
			case BAD_GATEWAY, GATEWAY_TIMEOUT, SERVICE_UNAVAILABLE -> FrameworkProblemCode.UPSTREAM_UNAVAILABLE;
			default ->
				status.is4xxClientError() ? FrameworkProblemCode.CLIENT_ERROR : FrameworkProblemCode.INTERNAL_ERROR;
		};
		return new Problem(status, code.code(), status.getReasonPhrase() + ".", Map.of());
	}

	private record Problem(HttpStatus status, String code, String detail, Map<String, Object> extra) {

		Map<String, Object> body(String instance) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", "https://pi-edge.dev/problems/" + this.code.replace('_', '-'));
			body.put("title", this.status.getReasonPhrase());
			body.put("status", this.status.value());
			body.put("detail", this.detail);
			body.put("instance", instance);
			body.put("code", this.code);
			body.putAll(this.extra);
			return body;
		}

	}

}
