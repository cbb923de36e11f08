package dev.piedge.proxy.browser;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrowserPropertiesTests {

	private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	@Test
	void productionCookieByDefault() {
		BrowserProperties.Cookie cookie = new BrowserProperties.Cookie(true, "pi_edge_session", null);

		assertThat(cookie.fullName()).isEqualTo("__Host-pi_edge_session");
		assertThat(cookie.sameSite()).isEqualTo("None");
		assertThat(cookie.partitioned()).isTrue();
	}

	@Test
	void developmentCookieDropsThePrefixSecureAndPartitionedAndIsLax() {
		BrowserProperties.Cookie cookie = new BrowserProperties.Cookie(false, "pi_edge_session", null);

		assertThat(cookie.fullName()).isEqualTo("pi_edge_session");
		assertThat(cookie.sameSite()).isEqualTo("Lax");
		assertThat(cookie.partitioned()).isFalse();
	}

	@Test
	void sameSiteNoneWithoutSecureStopsStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserProperties.Cookie(false, "s", "none"))
			.withMessageContaining("pi.browser.session.cookie.same-site None needs pi.browser.session.cookie.secure");
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserProperties.Cookie(true, "s", "sometimes"))
			.withMessageContaining("pi.browser.session.cookie.same-site");
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserProperties.Cookie(true, "__Host-s", null))
			.withMessageContaining("pi.browser.session.cookie.name");
	}

	@Test
	void keysMustBe256BitsWithDistinctIds() {
		assertThat(new BrowserProperties.Key("k1", SECRET).bytes()).hasSize(32);
		assertThat(new BrowserProperties.Key("k1", SECRET).toString()).doesNotContain(SECRET);
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserProperties.Key("k1", "c2hvcnQ="))
			.withMessageContaining("32 random bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserProperties.Key("k 1", SECRET))
			.withMessageContaining("pi.browser.session.keys[].id");
		List<BrowserProperties.Key> twice = List.of(new BrowserProperties.Key("k1", SECRET),
				new BrowserProperties.Key("k1", SECRET));
		assertThatIllegalArgumentException().isThrownBy(() -> session(twice, Duration.ofMinutes(5)))
			.withMessageContaining("pi.browser.session.keys[1].id 'k1' is used by another key");
	}

	@Test
	void revalidateCannotOutlastTheSession() {
		assertThatIllegalArgumentException().isThrownBy(() -> session(List.of(), Duration.ofHours(13)))
			.withMessageContaining("pi.browser.session.revalidate");
	}

	@Test
	void originsAreNormalisedAndChecked() {
		BrowserProperties properties = new BrowserProperties(URI.create("https://sdk.minepi.com/pi-sdk.js"), false,
				" key_1 ", URI.create("https://Shop.Example:443"),
				List.of("https://App.Example:443", "http://localhost:3000", "null"),
				List.of("https://app-cdn.minepi.com"), true, session(List.of(), Duration.ofMinutes(5)));

		assertThat(properties.publicOrigin()).hasToString("https://shop.example");
		assertThat(properties.trustedOrigins()).containsExactly("https://app.example", "http://localhost:3000", "null");
		assertThat(properties.trusts("https://app.example")).isTrue();
		assertThat(properties.validationKey()).isEqualTo("key_1");
		for (String bad : List.of("https://app.example/path", "ftp://app.example", "app.example",
				"https://a@b.example")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new BrowserProperties(URI.create("https://sdk.minepi.com/pi-sdk.js"), false, null,
						null, List.of(bad), List.of(), true, session(List.of(), Duration.ofMinutes(5))))
				.withMessageContaining("pi.browser.trusted-origins");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BrowserProperties(URI.create("https://sdk.minepi.com/pi-sdk.js"), false, null, null,
					List.of(), List.of("'unsafe-inline'"), true, session(List.of(), Duration.ofMinutes(5))))
			.withMessageContaining("pi.browser.frame-ancestors");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BrowserProperties(URI.create("/pi-sdk.js"), false, null, null, List.of(), List.of(),
					true, session(List.of(), Duration.ofMinutes(5))))
			.withMessageContaining("pi.browser.sdk-url");
	}

	private static BrowserProperties.Session session(List<BrowserProperties.Key> keys, Duration revalidate) {
		return new BrowserProperties.Session(keys, new BrowserProperties.Cookie(true, "pi_edge_session", null),
				Duration.ofHours(12), revalidate, Duration.ofMinutes(10));
	}

}
