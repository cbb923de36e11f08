package dev.piedge.proxy.session;

import java.net.URI;
import java.util.List;

import dev.piedge.proxy.browser.BrowserProperties;

/** {@code pi.browser.*} with its defaults, but for the session. */
final class TestBrowserProperties {

	private TestBrowserProperties() {
	}

	static BrowserProperties with(BrowserProperties.Session session) {
		return new BrowserProperties(URI.create("https://sdk.minepi.com/pi-sdk.js"), false, null, null, List.of(),
				List.of("https://app-cdn.minepi.com"), true, session);
	}

}
