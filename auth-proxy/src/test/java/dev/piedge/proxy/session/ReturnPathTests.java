package dev.piedge.proxy.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/account", "/shop/items?page=2&sort=new", "/a/b#top", "/caf%C3%A9",
			"/pi-edges/not-ours", "/pi-edge/checkout",
			"/pi-edge/checkout?product=green-tea&quantity=1&success_url=%2Forders%2Fcheckout%2F%7BCHECKOUT_SESSION_ID%7D",
			"/pi-edge/checkout/cs_a1B2-c3", "/pi-edge/checkout/cs_a1B2?x=1" })
	void aPathOnThisSiteIsKept(String rd) {
		assertThat(ReturnPath.of(rd)).isEqualTo(rd);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "account", "//evil.example", "///evil.example", "/\\evil.example", "/\\/evil.example",
			"\\\\evil.example", "https://evil.example/", "http:/evil.example", "javascript:alert(1)",
			"/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/\u0000", "/caf\u00e9", "/pi-edge/sign-in",
			"/pi-edge", "/PI-EDGE/session", "/pi-edge?x", "/pi-edge%2Fsign-in", "/a<b", "/%zz", "/pi-edge/checkoutx",
			"/pi-edge/checkout/../session", "/pi-edge/checkout/%2e%2e/session", "/pi-edge/checkout/cs_1/extra",
			"/PI-EDGE/checkout", "/pi-edge/checkout%2fcs_1", "/pi-edge/checkout/" })
	void anythingElseBecomesTheHomePage(String rd) {
		assertThat(ReturnPath.of(rd)).isEqualTo("/");
	}

	@org.junit.jupiter.api.Test
	void aMissingOrOverlongPathBecomesTheHomePage() {
		assertThat(ReturnPath.of(null)).isEqualTo("/");
		assertThat(ReturnPath.of("/" + "a".repeat(2048))).isEqualTo("/");
	}

}
