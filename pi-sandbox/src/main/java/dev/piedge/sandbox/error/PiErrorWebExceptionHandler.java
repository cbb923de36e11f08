package dev.piedge.sandbox.error;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every failure into the Pi error shape (Horizon's problem shape under
 * {@code /horizon/}), so clients never see a Spring error page or a stack trace. Ordered
 * before Boot's own error handler (order -1).
 */
@Component
@Order(-2)
class PiErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(PiErrorWebExceptionHandler.class);

	/** The Horizon emulator's path prefix. */
	private static final String HORIZON_PREFIX = "/horizon/";

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
		HorizonProblemException horizon = horizonProblem(exchange, ex);
		if (horizon != null) {
			return write(response, horizon.status(), HorizonProblemException.MEDIA_TYPE, horizon.body());
		}
		PiApiException error = translate(exchange, ex);
		return write(response, error.status(), MediaType.APPLICATION_JSON, error.body());
	}

	private Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, MediaType type, Object body) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(type);
		DataBuffer buffer = response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(body));
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * Horizon's own problems, and unknown paths under the Horizon emulator's prefix,
	 * which a Horizon client expects to be Horizon's {@code not_found}.
	 */
	private static HorizonProblemException horizonProblem(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof HorizonProblemException horizon) {
			return horizon;
		}
		boolean underHorizon = exchange.getRequest().getPath().value().startsWith(HORIZON_PREFIX);
		if (underHorizon && ex instanceof ResponseStatusException rse
				&& rse.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
			return HorizonProblemException.notFound();
		}
		return null;
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
