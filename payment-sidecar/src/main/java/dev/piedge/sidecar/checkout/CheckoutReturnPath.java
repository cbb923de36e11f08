package dev.piedge.sidecar.checkout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's {@code success_url} or {@code cancel_url}: a path on the shop's own site,
 * validated like the proxy's sign-in {@code rd}, so checkout can never send a buyer to
 * another site. {@code {CHECKOUT_SESSION_ID}} (also percent-encoded, as a link's query
 * arrives) is replaced by the session id first, then the result must:
 * <ul>
 * <li>start with one {@code /}: not {@code //host}, not {@code /\host}, and not their
 * percent-encoded forms {@code /%2F…} or {@code /%5C…};</li>
 * <li>hold no backslash, space, control or non-ASCII character (browsers drop tabs and
 * line breaks, so {@code /<TAB>/host} would become {@code //host});</li>
 * <li>be a URI reference with no scheme and no authority, at most 2048 characters, and
 * not under {@code /pi-edge}.</li>
 * </ul>
 */
final class CheckoutReturnPath {

	static final String PLACEHOLDER = "{CHECKOUT_SESSION_ID}";

	private static final Pattern ENCODED_PLACEHOLDER = Pattern.compile("%7BCHECKOUT_SESSION_ID%7D",
			Pattern.CASE_INSENSITIVE);

	private static final int MAX_LENGTH = 2048;

	private CheckoutReturnPath() {
	}

	/**
	 * The path with {@code sessionId} in place of the placeholder.
	 * @throws CheckoutException if it is not a path on this site
	 */
	static String of(String field, String raw, String sessionId) {
		if (raw == null || raw.isEmpty()) {
			throw CheckoutException.invalid(field + " is required: a path on your site such as /thanks.");
		}
		String path = ENCODED_PLACEHOLDER.matcher(raw.replace(PLACEHOLDER, sessionId))
			.replaceAll(Matcher.quoteReplacement(sessionId));
		if (!isLocalPath(path)) {
			throw CheckoutException.invalid(field + " must be a path on your site that starts with a single '/', "
					+ "without a scheme, a host, '\\' or control characters.");
		}
		return path;
	}

	private static boolean isLocalPath(String path) {
		if (path.length() > MAX_LENGTH || path.charAt(0) != '/') {
			return false;
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '\\') {
				return false;
			}
		}
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.startsWith("//") || lower.startsWith("/%2f") || lower.startsWith("/%5c")) {
			return false;
		}
		if (lower.equals("/pi-edge") || lower.startsWith("/pi-edge/") || lower.startsWith("/pi-edge?")
				|| lower.startsWith("/pi-edge#") || lower.startsWith("/pi-edge%2f")) {
			return false;
		}
		try {
			URI uri = new URI(path);
			return uri.getScheme() == null && uri.getRawAuthority() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
