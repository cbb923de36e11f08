package dev.piedge.proxy.framing;

import java.util.Locale;
import java.util.Set;

/**
 * Turns a backend's {@code Set-Cookie} into one a browser keeps inside the Pi Browser's
 * cross-site iframe: {@code SameSite=None; Secure; Partitioned}. Inside that frame every
 * cookie of the app is a third-party cookie. A {@code Lax} or {@code Strict} cookie (and
 * one without {@code SameSite}, which Chromium treats as {@code Lax}) is never sent back
 * there, and browsers that block third-party cookies keep only a partitioned one (CHIPS).
 */
final class SetCookieRewriter {

	static final String CROSS_SITE_ATTRIBUTES = "; SameSite=None; Secure; Partitioned";

	/** The attributes this rewrite writes itself, compared in lower case. */
	private static final Set<String> REPLACED = Set.of("samesite", "secure", "partitioned");

	private SetCookieRewriter() {
	}

	/**
	 * The cookie with {@code SameSite=None; Secure; Partitioned} in place of the
	 * backend's own {@code SameSite}, {@code Secure} and {@code Partitioned}. The name
	 * and value, and every other attribute ({@code Path}, {@code Domain},
	 * {@code Max-Age}, {@code Expires}, {@code HttpOnly}, unknown ones), are kept byte
	 * for byte. Deletions ({@code Max-Age=0} or a past {@code Expires}) are rewritten
	 * too: a partitioned cookie lives in its own jar and only a partitioned
	 * {@code Set-Cookie} reaches it.
	 * <p>
	 * The parse is RFC 6265bis section 5.6's: "The name-value-pair string consists of the
	 * characters up to, but not including, the first %x3B (";")", each attribute runs to
	 * the next {@code ;}, and its name (up to {@code =}) is compared case-insensitively
	 * after removing "any leading or trailing WSP characters". {@code Expires} dates hold
	 * commas, so each header is one cookie and is never split on them.
	 * @param setCookie one {@code Set-Cookie} header value
	 * @return the value to send
	 */
	static String crossSite(String setCookie) {
		// RFC 6265bis 5.6, step 1: with a control character other than HTAB a browser
		// will "ignore the set-cookie-string entirely"; an empty one sets nothing.
		if (setCookie.isEmpty() || hasControlCharacter(setCookie)) {
			return setCookie;
		}
		int firstSemicolon = setCookie.indexOf(';');
		if (firstSemicolon < 0) {
			return setCookie + CROSS_SITE_ATTRIBUTES;
		}
		StringBuilder rewritten = new StringBuilder(setCookie.length() + CROSS_SITE_ATTRIBUTES.length());
		rewritten.append(setCookie, 0, firstSemicolon);
		for (String attribute : setCookie.substring(firstSemicolon + 1).split(";", -1)) {
			if (!attribute.isBlank() && !REPLACED.contains(attributeName(attribute))) {
				rewritten.append(';').append(attribute);
			}
		}
		return rewritten.append(CROSS_SITE_ATTRIBUTES).toString();
	}

	private static String attributeName(String attribute) {
		int equals = attribute.indexOf('=');
		String name = (equals < 0) ? attribute : attribute.substring(0, equals);
		return stripWsp(name).toLowerCase(Locale.ROOT);
	}

	/** WSP is space and HTAB (RFC 5234). */
	private static String stripWsp(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
			start++;
		}
		while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
			end--;
		}
		return text.substring(start, end);
	}

	private static boolean hasControlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7F) {
				return true;
			}
		}
		return false;
	}

}
