package dev.piedge.sandbox.error;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every failure into the Pi error shape, so clients never see a Spring error page
 * or a stack trace. Ordered before Boot's own error handler (order -1).
 */
@Component
@Order(-2)
class PiErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(PiErrorWebExceptionHandler.class);

	private final JsonMapper jsonMapper;

	PiErrorWebExceptionHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		PiApiException error = translate(exchange, ex);
		response.setStatusCode(error.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		DataBuffer buffer = response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(error.body()));
		return response.writeWith(Mono.just(buffer));
	}

	private PiApiException translate(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof PiApiException pi) {
			return pi;
		}
		if (hasCause(ex, DataBufferLimitException.class)) {
			return PiApiException.payloadTooLarge();
		}
		if (ex instanceof ResponseStatusException rse) {
			if (rse.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return PiApiException.endpointNotFound(exchange.getRequest().getMethod().name(),
						exchange.getRequest().getPath().value());
			}
			if (rse.getStatusCode().is4xxClientError()) {
				return PiApiException.clientError(HttpStatus.valueOf(rse.getStatusCode().value()));
			}
		}
		logger.error("Unexpected failure on " + exchange.getRequest().getPath().value(), ex);
		return PiApiException.internalError();
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
