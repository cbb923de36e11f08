package dev.piedge.proxy.error;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The one place where every failure becomes an RFC 9457 {@code application/problem+json} answer with a
 * stable {@code code}. Unexpected failures are logged here and answered without any detail, so no stack
 * trace or upstream body ever reaches a client.
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
		Problem problem = problemFor(ex);
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex instanceof ProblemException known) {
			known.headers().forEach((name, values) -> response.getHeaders().put(name, values));
		}
		byte[] body = JSON.writeValueAsBytes(problem.body(exchange.getRequest().getPath().value()));
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	private static Problem problemFor(Throwable ex) {
		if (ex instanceof ProblemException known) {
			Map<String, Object> extra = new LinkedHashMap<>();
			if (known instanceof InsufficientScopeException scope) {
				extra.put("missing_scopes", scope.missingScopes());
			}
			return new Problem(known.status(), known.code(), known.getMessage(), extra);
		}
		if (ex instanceof ResponseStatusException status) {
			return forStatus(status.getStatusCode());
		}
		log.error("Unexpected failure while handling a request", ex);
		return forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	private static Problem forStatus(HttpStatusCode code) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String stableCode = switch (status) {
			case NOT_FOUND -> "not_found";
			case METHOD_NOT_ALLOWED -> "method_not_allowed";
			case CONTENT_TOO_LARGE -> "body_too_large";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers_too_large";
			case BAD_REQUEST -> "bad_request";
			case BAD_GATEWAY, GATEWAY_TIMEOUT, SERVICE_UNAVAILABLE -> "backend_unavailable";
			default -> status.is4xxClientError() ? "client_error" : "internal_error";
		};
		return new Problem(status, stableCode, status.getReasonPhrase() + ".", Map.of());
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
