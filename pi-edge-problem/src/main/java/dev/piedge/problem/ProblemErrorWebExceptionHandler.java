package dev.piedge.problem;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
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

	/**
	 * RFC 9457 section 4.2.1: {@code about:blank} says the problem means no more than its
	 * status, which is what {@code title} (the status phrase) already says; clients
	 * branch on {@code code}. A type of our own would need a URI we own: the domain
	 * {@code pi-edge.dev} is not ours, a relative {@code /problems/...} resolves against
	 * whichever host answered (through the proxy, the backend's own paths), a URN needs a
	 * registered namespace (RFC 8141) and a tag URI a domain or mail address (RFC 4151).
	 */
	private static final URI TYPE = URI.create("about:blank");

	/**
	 * Spring's mix-in unwraps the extra members to the top level; the order keeps the
	 * standard members first, as RFC 9457 lists them.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, OrderedProblemDetailMixin.class)
		.build();

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
		else if (ex instanceof ResponseStatusException statusException) {
			// The framework's own headers, such as Allow on a 405.
			statusException.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
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

		ProblemDetail body(String path) {
			ProblemDetail body = ProblemDetail.forStatusAndDetail(this.status, this.detail);
			body.setType(TYPE);
			body.setTitle(this.status.getReasonPhrase());
			body.setInstance(instance(path));
			body.setProperty("code", this.code);
			this.extra.forEach(body::setProperty);
			return body;
		}

		/**
		 * The request's path, which came from a parsed request URI; should it still not
		 * parse on its own, the answer goes out without an instance rather than fail.
		 */
		private static URI instance(String path) {
			try {
				return URI.create(path);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
	private interface OrderedProblemDetailMixin extends ProblemDetailJacksonMixin {

	}

}
