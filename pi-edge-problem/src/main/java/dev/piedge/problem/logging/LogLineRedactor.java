package dev.piedge.problem.logging;

import java.util.regex.Pattern;

/**
 * Takes secrets out of a line of log text: the query of any URI or path (Pi SDK clients
 * and legacy apps put access tokens there, and framework lines such as
 * {@code 500 Server Error for HTTP POST "/path?…"} or Reactor checkpoint descriptions
 * print the whole request URI), and the credential of a {@code Bearer} token or an
 * {@code Authorization: Key …} header, and the secret of a pi-edge backend API key
 * ({@code pek_<id>_<secret>}) wherever it appears. It works on the finished text, so it
 * covers lines written by any library, not only by pi-edge.
 */
public final class LogLineRedactor {

	static final String REDACTED = "[redacted]";

	/**
	 * A Stellar secret seed, such as the payout wallet's: {@code S} and 55 base32
	 * characters, standing alone. It is replaced whole; account addresses ({@code G…})
	 * are public and stay.
	 */
	private static final Pattern SECRET_SEED = Pattern.compile("(?<![A-Za-z0-9])S[A-Z2-7]{55}(?![A-Za-z0-9])");

	private static final int SECRET_SEED_LENGTH = 56;

	/**
	 * A path or URI (it contains a '/'), then '?' and a non-empty query, up to
	 * whitespace, a quote or a fragment.
	 */
	private static final Pattern QUERY = Pattern.compile("(/[^\\s\"'<>?#]*)\\?[^\\s\"'<>#]+");

	private static final Pattern CREDENTIAL = Pattern
		.compile("(?i)(\\bBearer\\s+|\\bAuthorization[\"']?\\s*[:=]\\s*[\"']?Key\\s+)[A-Za-z0-9._~+/=-]{8,}");

	/**
	 * A backend API key outside an {@code Authorization} header (in an exception message,
	 * a JSON body, a command line): its id is public and stays, to tell keys apart.
	 */
	private static final Pattern API_KEY = Pattern.compile("\\bpek_([A-Za-z0-9]+)_[A-Za-z0-9_-]+");

	private LogLineRedactor() {
	}

	public static String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = withoutSeeds(text);
		// Cheap looks first: the usual line has none, and costs a few scans and no
		// regex.
		if (redacted.indexOf('?') >= 0) {
			redacted = QUERY.matcher(redacted).replaceAll("$1?" + REDACTED);
		}
		if (redacted.indexOf("earer") >= 0 || redacted.indexOf("EARER") >= 0 || redacted.indexOf("Key") >= 0) {
			redacted = CREDENTIAL.matcher(redacted).replaceAll("$1" + REDACTED);
		}
		if (redacted.indexOf("pek_") >= 0) {
			redacted = API_KEY.matcher(redacted).replaceAll("pek_$1_" + REDACTED);
		}
		return redacted;
	}

	/**
	 * Replaces secret seeds. The usual line has no 56 base32 characters in a row, which
	 * one scan tells without a regex.
	 */
	private static String withoutSeeds(String text) {
		int run = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			run = ((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) ? run + 1 : 0;
			if (run == SECRET_SEED_LENGTH) {
				return SECRET_SEED.matcher(text).replaceAll(REDACTED);
			}
		}
		return text;
	}

}
