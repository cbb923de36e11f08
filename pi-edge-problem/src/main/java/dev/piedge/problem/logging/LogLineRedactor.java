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
		String redacted = text;
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

}
