package dev.piedge.proxy.filter;

import dev.piedge.proxy.error.ProxyProblemCode;
import dev.piedge.problem.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A body the proxy must read for its access token ({@code pi-token-from-body} routes) is
 * in a form it does not read: a type other than UTF-8 JSON, or a content coding such as
 * gzip. Refused before the body is read, since forwarding it as it came could carry the
 * token to the service behind.
 */
final class UnsupportedMediaTypeException extends ProblemException {

	private final HttpHeaders headers;

	private UnsupportedMediaTypeException(String detail, HttpHeaders headers) {
		super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProxyProblemCode.UNSUPPORTED_MEDIA_TYPE, detail);
		this.headers = headers;
	}

	/**
	 * The {@code Content-Type} is not a JSON type, is repeated or malformed, or names a
	 * charset other than UTF-8.
	 */
	public static UnsupportedMediaTypeException notJson() {
		return new UnsupportedMediaTypeException("The body must be application/json (or another +json type) in UTF-8.",
				HttpHeaders.EMPTY);
	}

	/**
	 * The body has a {@code Content-Encoding} other than {@code identity}. The answer
	 * says, as RFC 9110 (15.5.16) asks, which coding would be accepted.
	 */
	public static UnsupportedMediaTypeException encoded() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ACCEPT_ENCODING, "identity");
		return new UnsupportedMediaTypeException("The body must be sent without a Content-Encoding.", headers);
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

}
