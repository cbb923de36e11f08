package dev.piedge.proxy.session;

import java.time.Duration;
import java.util.List;

import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.framing.FrameAncestorsPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInPageTests {

	private static final BrowserProperties PROPERTIES = TestBrowserProperties
		.with(new BrowserProperties.Session(List.of(), new BrowserProperties.Cookie(true, "pi_edge_session", null),
				Duration.ofHours(12), Duration.ofMinutes(5), Duration.ofMinutes(10)));

	private final SignInPage page = new SignInPage(PROPERTIES, new FrameAncestorsPolicy(PROPERTIES));

	@Test
	void itsDataCannotEndTheScriptElementWhateverItHolds() {
		String html = this.page.render("/a</script><script>alert(1)</script>&\u2028", "n0nce");

		String data = html.substring(html.indexOf("id=\"pi-edge-sign-in\">"), html.indexOf("</script>"));
		assertThat(data).doesNotContain("<", "&", "\u2028")
			.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028");
	}

	@Test
	void everyNonceIsFresh() {
		assertThat(this.page.nonce()).isNotEqualTo(this.page.nonce()).hasSizeGreaterThanOrEqualTo(22);
	}

}
