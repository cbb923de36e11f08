package dev.piedge.proxy.framing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.piedge.proxy.browser.BrowserProperties;

import org.springframework.stereotype.Component;

/**
 * Who may frame the app: {@code 'self'} and {@code pi.browser.frame-ancestors} (the Pi
 * Browser, Pi's desktop sandbox and PiNet by default), as a CSP {@code frame-ancestors}
 * directive. The proxy's own pages put {@link #directive()} in their
 * {@code Content-Security-Policy}; on {@code pi-browser} routes it is merged into the
 * backend's.
 */
@Component
public class FrameAncestorsPolicy {

	static final String FRAME_ANCESTORS = "frame-ancestors";

	private static final String SELF = "'self'";

	private static final String NONE = "'none'";

	private final List<String> sources;

	private final String directive;

	public FrameAncestorsPolicy(BrowserProperties browser) {
		List<String> ours = new ArrayList<>();
		ours.add(SELF);
		ours.addAll(browser.frameAncestors());
		this.sources = distinct(ours);
		this.directive = FRAME_ANCESTORS + " " + String.join(" ", this.sources);
	}

	/**
	 * The directive, such as
	 * {@code frame-ancestors 'self' https://app-cdn.minepi.com https://sandbox.minepi.com https://*.pinet.com}.
	 */
	public String directive() {
		return this.directive;
	}

	/**
	 * The values of a response's {@code Content-Security-Policy} headers once the Pi
	 * Browser may frame it. CSP3 enforces every policy of a response on its own, one per
	 * header value or comma-separated part of one, and a policy without
	 * {@code frame-ancestors} restricts no framing (that directive does not fall back to
	 * {@code default-src}). So every policy that has the directive gets it merged: its
	 * sources are kept, except {@code 'none'}, and ours are added. When none has it,
	 * exactly one policy (the first) gets ours; with no policy at all, ours is the only
	 * one.
	 * @param policies the header values as the backend sent them, in order
	 * @return the header values to send
	 */
	List<String> applyTo(List<String> policies) {
		if (policies.isEmpty()) {
			return List.of(this.directive);
		}
		List<List<String>> headers = new ArrayList<>(policies.size());
		boolean merged = false;
		for (String header : policies) {
			// CSP3 splits the header list on commas (Fetch's "get, decode, and split");
			// a CSP source expression never holds one.
			List<String> parts = new ArrayList<>(List.of(header.split(",", -1)));
			for (int i = 0; i < parts.size(); i++) {
				String policy = mergedInto(parts.get(i));
				merged |= policy != null;
				if (policy != null) {
					parts.set(i, policy);
				}
			}
			headers.add(parts);
		}
		if (!merged) {
			List<String> first = headers.get(0);
			first.set(0, appendedTo(first.get(0)));
		}
		return headers.stream().map(parts -> String.join(",", parts)).toList();
	}

	/**
	 * The policy with its {@code frame-ancestors} merged, or {@code null} when it has
	 * none. Directives are split on {@code ;} and everything but the one directive is
	 * kept byte for byte.
	 */
	private String mergedInto(String policy) {
		String[] directives = policy.split(";", -1);
		for (int i = 0; i < directives.length; i++) {
			String directive = directives[i];
			int start = skipWhitespace(directive, 0);
			int nameEnd = skipName(directive, start);
			// CSP3 ignores a directive with a non-ASCII character, and any later
			// directive of a name already seen: the first valid one is the one enforced.
			if (isAscii(directive) && FRAME_ANCESTORS.equalsIgnoreCase(directive.substring(start, nameEnd))) {
				int end = trimmedEnd(directive);
				directives[i] = directive.substring(0, start) + merged(directive.substring(nameEnd, end))
						+ directive.substring(end);
				return String.join(";", directives);
			}
		}
		return null;
	}

	/** The backend's sources without {@code 'none'}, then ours, each once. */
	private String merged(String backendSources) {
		List<String> sources = new ArrayList<>();
		for (String source : backendSources.strip().split("[\\t\\n\\f\\r ]+")) {
			// 'none' only means "nothing" alone; next to other sources CSP3 ignores it,
			// and ours are about to join.
			if (!source.isEmpty() && !NONE.equalsIgnoreCase(source)) {
				sources.add(source);
			}
		}
		sources.addAll(this.sources);
		return FRAME_ANCESTORS + " " + String.join(" ", distinct(sources));
	}

	private String appendedTo(String policy) {
		String kept = policy.stripTrailing();
		if (kept.endsWith(";")) {
			kept = kept.substring(0, kept.length() - 1).stripTrailing();
		}
		return kept.isBlank() ? kept + this.directive : kept + "; " + this.directive;
	}

	/**
	 * Each source once, the first spelling kept: schemes, hosts and keywords are
	 * case-insensitive.
	 */
	private static List<String> distinct(List<String> sources) {
		Map<String, String> distinct = new LinkedHashMap<>();
		sources.forEach(source -> distinct.putIfAbsent(source.toLowerCase(Locale.ROOT), source));
		return List.copyOf(distinct.values());
	}

	private static int skipWhitespace(String text, int from) {
		int i = from;
		while (i < text.length() && isAsciiWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipName(String text, int from) {
		int i = from;
		while (i < text.length() && !isAsciiWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int trimmedEnd(String text) {
		int end = text.length();
		while (end > 0 && isAsciiWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return end;
	}

	private static boolean isAsciiWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
	}

	private static boolean isAscii(String text) {
		return text.chars().allMatch(c -> c < 128);
	}

}
