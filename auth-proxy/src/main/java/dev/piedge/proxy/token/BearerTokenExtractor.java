package dev.piedge.proxy.token;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads the Pi access token from {@code Authorization: Bearer}, and from nowhere else:
 * never the query string, where tokens end up in logs. A header that cannot hold a token
 * is refused before Pi is asked.
 */
@Component
public class BearerTokenExtractor {

	private static final String SCHEME = "bearer";

	private final int maxTokenLength;

	public BearerTokenExtractor(PiAuthProperties properties) {
		this.maxTokenLength = properties.maxTokenLength();
	}

	/**
	 * The bearer token, or empty when the request carries no bearer credentials (another
	 * scheme is not ours).
	 * @throws MalformedTokenException when the header is repeated, empty, too long or has
	 * odd characters
	 */
	public Optional<String> extract(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.AUTHORIZATION);
		if (values == null || values.isEmpty()) {
			return Optional.empty();
		}
		if (values.size() > 1) {
			throw MalformedTokenException.because("Send one Authorization header, not " + values.size() + ".");
		}
		String value = values.get(0);
		if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ')) {
			return Optional.empty();
		}
		String token = value.substring(SCHEME.length()).strip();
		return Optional.of(validated(token));
	}

	/**
	 * Checks a token that came from somewhere other than the header, such as a JSON body.
	 */
	public String validated(String token) {
		if (token == null || token.isEmpty()) {
			throw MalformedTokenException.because("The bearer token is empty.");
		}
		if (token.length() > this.maxTokenLength) {
			throw MalformedTokenException
				.because("The bearer token is longer than " + this.maxTokenLength + " characters.");
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw MalformedTokenException
					.because("The bearer token contains a space, control or non-ASCII character.");
			}
		}
		return token;
	}

}
