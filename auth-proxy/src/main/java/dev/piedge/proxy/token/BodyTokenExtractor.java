package dev.piedge.proxy.token;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Takes the Pi access token out of a JSON request body, where pi-sdk-js puts it for
 * {@code approve} ({@code {"paymentId": "…", "accessToken": "…"}}), and returns the body
 * to forward without it, so what is downstream never sees or stores the token. The token
 * is returned as sent; check it with {@link BearerTokenExtractor#validated(String)} like
 * any other.
 * <p>
 * The body must be exactly one JSON object; anything else is refused, since a body the
 * proxy cannot read it cannot clear of a token. Only the top-level {@code accessToken} is
 * a token: that is the one place pi-sdk-js sends one. A nested {@code accessToken} is the
 * app's data and is forwarded as it is.
 */
@Component
public class BodyTokenExtractor {

	static final String FIELD = "accessToken";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		// A repeated name is read differently by different parsers (first wins, last
		// wins, error): refuse it.
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		// Jackson 3's default, stated because the rule relies on it: one value, nothing
		// after it.
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * The token (null when the body carries none) and the body to forward, written anew
	 * from what was read: UTF-8, names unescaped, every field but the token with its
	 * value (numbers keep their exact digits). Writing it anew, even with no token in it,
	 * means the service behind reads exactly what the proxy read.
	 * @throws InvalidBodyException when the body is not exactly one JSON object
	 * @throws MalformedTokenException when {@code accessToken} is there but neither a
	 * string nor null
	 */
	public BodyToken extract(byte[] body) {
		ObjectNode object = parseObject(body);
		JsonNode token = object.remove(FIELD);
		if (token != null && !token.isString() && !token.isNull()) {
			throw MalformedTokenException.because("The body's " + FIELD + " must be a string.");
		}
		String value = (token != null && token.isString()) ? token.asString() : null;
		return new BodyToken(value, JSON.writeValueAsBytes(object));
	}

	private static ObjectNode parseObject(byte[] body) {
		try {
			// Decoded strictly first: from bytes, Jackson would also guess UTF-16 and
			// UTF-32, which JSON between
			// systems must not use (RFC 8259, 8.1).
			String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
			if (JSON.readTree(text) instanceof ObjectNode object) {
				return object;
			}
		}
		catch (CharacterCodingException | JacksonException ex) {
			// Falls through; the parser's message quotes the body, so it goes nowhere.
		}
		throw InvalidBodyException.notOneJsonObject();
	}

	/**
	 * What {@link #extract(byte[])} found.
	 *
	 * @param token the access token as sent, or null
	 * @param forwardedBody the body to send downstream, never holding a top-level
	 * {@code accessToken}
	 */
	public record BodyToken(String token, byte[] forwardedBody) {
	}

}
