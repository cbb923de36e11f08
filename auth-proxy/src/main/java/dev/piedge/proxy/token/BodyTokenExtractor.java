package dev.piedge.proxy.token;

import dev.piedge.proxy.error.MalformedTokenException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Takes the Pi access token out of a JSON request body, where pi-sdk-js puts it for {@code approve}
 * ({@code {"paymentId": "…", "accessToken": "…"}}), and returns the body to forward without it, so what is
 * downstream never sees or stores the token. The token is returned as sent; check it with
 * {@link BearerTokenExtractor#validated(String)} like any other.
 * <p>
 * Only a JSON object with an {@code accessToken} field is rewritten, without that field; every other field
 * keeps its value (numbers keep their exact digits). Any other body, JSON or not, is returned unchanged.
 */
@Component
public class BodyTokenExtractor {

	static final String FIELD = "accessToken";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	/**
	 * The token (null when the body carries none) and the body to forward.
	 * @throws MalformedTokenException when {@code accessToken} is there but neither a string nor null
	 */
	public BodyToken extract(byte[] body) {
		ObjectNode object = parseObject(body);
		if (object == null || !object.has(FIELD)) {
			return new BodyToken(null, body);
		}
		JsonNode token = object.remove(FIELD);
		if (!token.isString() && !token.isNull()) {
			throw MalformedTokenException.because("The body's " + FIELD + " must be a string.");
		}
		return new BodyToken(token.isString() ? token.asString() : null, JSON.writeValueAsBytes(object));
	}

	private static ObjectNode parseObject(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node instanceof ObjectNode object) ? object : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * What {@link #extract(byte[])} found.
	 * @param token the access token as sent, or null
	 * @param forwardedBody the body to send downstream, never holding the token
	 */
	public record BodyToken(String token, byte[] forwardedBody) {
	}

}
