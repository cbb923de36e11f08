package dev.piedge.sandbox.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.piedge.sandbox.error.PiApiException;

/**
 * The app the host page frames: an absolute {@code http(s)} URL with a host and no
 * credentials, and the origin that the page's {@code frame-src} allows.
 *
 * @param url the URL to load in the frame, in ASCII
 * @param origin {@code scheme://host[:port]}, lower case, without a default port
 */
record FramedApp(String url, String origin) {

	// Far above any real app URL; keeps a pasted blob out of the page.
	private static final int MAX_LENGTH = 2048;

	/** Validates {@code ?url=}; anything else is 400 {@code invalid_url}. */
	static FramedApp parse(String value) {
		if (value == null || value.isBlank()) {
			throw PiApiException.invalidUrl("Add ?url=<the app's absolute http(s) URL>.");
		}
		if (value.length() > MAX_LENGTH) {
			throw PiApiException.invalidUrl("'url' is longer than " + MAX_LENGTH + " characters.");
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw PiApiException.invalidUrl("'url' is not a valid URL.");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw PiApiException.invalidUrl("'url' must be an absolute http:// or https:// URL.");
		}
		// getHost() is null when the authority is missing or not a valid host[:port].
		if (uri.getHost() == null) {
			throw PiApiException.invalidUrl("'url' must name a host.");
		}
		if (uri.getRawUserInfo() != null) {
			throw PiApiException.invalidUrl("'url' must not carry credentials.");
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
				|| ("https".equals(scheme) && port == 443);
		String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		return new FramedApp(uri.toASCIIString(), origin);
	}

}
