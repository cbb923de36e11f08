package dev.piedge.proxy.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a browser goes after signing in or out ({@code rd}). Only a path on this site is
 * accepted; anything else becomes {@code /}, so pi-edge can never be made to send a
 * visitor to another site (an open redirect):
 * <ul>
 * <li>it must start with one {@code /}: not {@code //host} (another host), not
 * {@code /\host} (browsers read {@code \} as {@code /});</li>
 * <li>no backslash, space, control or non-ASCII character anywhere (a path arrives
 * percent-encoded): browsers drop tabs and line breaks from URLs, so {@code /<TAB>/host}
 * would become {@code //host};</li>
 * <li>nothing under {@code /pi-edge/}, which would loop back into sign-in, except the
 * hosted checkout: the link {@code /pi-edge/checkout?…} and a checkout page
 * {@code /pi-edge/checkout/<session id>}, spelled exactly so;</li>
 * <li>at most 2048 characters, and a valid URI reference (RFC 3986:
 * percent-encoded).</li>
 * </ul>
 */
final class ReturnPath {

	static final String HOME = "/";

	private static final int MAX_LENGTH = 2048;

	/**
	 * The checkout link or one checkout page, with any query: no dot segment, no encoded
	 * slash, nothing below the session id. The characters the loop below refuses are
	 * refused before this is matched.
	 */
	private static final Pattern CHECKOUT = Pattern.compile("/pi-edge/checkout(/[A-Za-z0-9_-]+)?(\\?[^#]*)?");

	private ReturnPath() {
	}

	/** The path to return to, or {@code /} when {@code rd} is missing or not allowed. */
	static String of(String rd) {
		if (rd == null || rd.isEmpty() || rd.length() > MAX_LENGTH || rd.charAt(0) != '/') {
			return HOME;
		}
		if (rd.length() > 1 && (rd.charAt(1) == '/')) {
			return HOME;
		}
		for (int i = 0; i < rd.length(); i++) {
			char c = rd.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '\\') {
				return HOME;
			}
		}
		if (CHECKOUT.matcher(rd).matches()) {
			return isRelativePath(rd) ? rd : HOME;
		}
		String lower = rd.toLowerCase(Locale.ROOT);
		if (lower.equals("/pi-edge") || lower.startsWith("/pi-edge/") || lower.startsWith("/pi-edge?")
				|| lower.startsWith("/pi-edge#") || lower.startsWith("/pi-edge%2f")) {
			return HOME;
		}
		return isRelativePath(rd) ? rd : HOME;
	}

	/** A URI reference with no scheme and no authority, as RFC 3986 spells it. */
	private static boolean isRelativePath(String rd) {
		try {
			URI uri = new URI(rd);
			return uri.getScheme() == null && uri.getRawAuthority() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
