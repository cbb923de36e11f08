package dev.piedge.sandbox.http;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.piedge.sandbox.error.PiApiException;

/**
 * Reads request bodies as JSON trees, whatever {@code Content-Type} the client sent
 * (curl's {@code -d} sends form encoding). Decimals become {@link java.math.BigDecimal}
 * so amounts never pass through a double.
 */
@Component
public class JsonBodyReader {

	private final ObjectReader reader;

	JsonBodyReader(JsonMapper jsonMapper) {
		this.reader = jsonMapper.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	/**
	 * Emits the parsed body, completes empty when there is no body, and fails with
	 * {@code invalid_arguments} when it is not JSON. Bodies above
	 * {@code spring.http.codecs.max-in-memory-size} fail with 413.
	 */
	public Mono<JsonNode> read(ServerRequest request) {
		return request.bodyToMono(String.class).filter(text -> !text.isBlank()).flatMap(this::parse);
	}

	private Mono<JsonNode> parse(String text) {
		try {
			return Mono.just(reader.readTree(text));
		}
		catch (JacksonException ex) {
			return Mono.error(PiApiException.invalidJson());
		}
	}

}
