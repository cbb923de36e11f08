package dev.piedge.demo.echo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Answers any request with a JSON description of it: method, path, query, headers and
 * body.
 */
@Component
class EchoHandler {

	private static final Logger log = LoggerFactory.getLogger(EchoHandler.class);

	/** The echo holds the whole body in memory, so it refuses anything larger. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	Mono<ServerResponse> echo(ServerRequest request) {
		log.info("{} {} X-Pi-Uid={}", request.method(), request.path(),
				request.headers().firstHeader("X-Pi-Uid") != null ? request.headers().firstHeader("X-Pi-Uid") : "-");
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
			.map(EchoHandler::readAndRelease)
			.defaultIfEmpty("")
			.flatMap(body -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new EchoedRequest(request.method().name(), request.path(), request.uri().getRawQuery(),
						headersOf(request), body)))
			.onErrorResume(DataBufferLimitException.class, ex -> bodyTooLarge());
	}

	private static String readAndRelease(DataBuffer buffer) {
		try {
			return buffer.toString(StandardCharsets.UTF_8);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Map<String, List<String>> headersOf(ServerRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.headers().asHttpHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		return headers;
	}

	private static Mono<ServerResponse> bodyTooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The demo backend echoes bodies of at most " + MAX_BODY_BYTES + " bytes.");
		problem.setProperty("code", "body_too_large");
		return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem);
	}

	record EchoedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {
	}

}
