package dev.piedge.proxy.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import dev.piedge.proxy.browser.BrowserProperties;
import dev.piedge.proxy.token.VerifiedIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionKeyRingTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final BrowserSession SESSION = new BrowserSession("pi-token-123",
			new VerifiedIdentity("uid-1", "alice", Set.of("username", "payments"), NOW.plusSeconds(7200)), NOW,
			NOW.plusSeconds(3600), NOW);

	@Test
	void aSealedSessionOpensToTheSameSession() {
		SessionKeyRing ring = ring(key("a", 1));

		String sealed = ring.seal(SESSION);

		assertThat(sealed).doesNotContain("pi-token-123").doesNotContain("uid-1");
		assertThat(ring.open(sealed)).contains(SESSION);
	}

	@Test
	void theFirstKeySealsAndEveryKeyOpensSoKeysRotateWithoutSigningAnyoneOut() {
		String sealedWithOld = ring(key("old", 1)).seal(SESSION);

		SessionKeyRing rotated = ring(key("new", 2), key("old", 1));

		assertThat(rotated.open(sealedWithOld)).contains(SESSION);
		String sealedWithNew = rotated.seal(SESSION);
		assertThat(header(sealedWithNew)).contains("\"kid\":\"new\"");
		assertThat(ring(key("old", 1)).open(sealedWithNew)).isEmpty();
	}

	@Test
	void anotherRingsCookieOrAChangedByteOpensToNothing() {
		String sealed = ring(key("a", 1)).seal(SESSION);

		assertThat(ring(key("a", 2)).open(sealed)).as("same kid, other secret").isEmpty();
		assertThat(ring(key("b", 1)).open(sealed)).as("unknown kid").isEmpty();
		for (int i = 0; i < sealed.length(); i += 7) {
			if (sealed.charAt(i) == '.') {
				continue;
			}
			char changed = (sealed.charAt(i) == 'A') ? 'B' : 'A';
			String tampered = sealed.substring(0, i) + changed + sealed.substring(i + 1);
			assertThat(ring(key("a", 1)).open(tampered)).as("byte %d changed", i).isEmpty();
		}
		assertThat(ring(key("a", 1)).open("")).isEmpty();
		assertThat(ring(key("a", 1)).open("a.b.c.d.e")).isEmpty();
	}

	@Test
	void withNoKeysConfiguredAnEphemeralKeySealsAndOpens() {
		SessionKeyRing ephemeral = ring();

		assertThat(ephemeral.open(ephemeral.seal(SESSION))).contains(SESSION);
		assertThat(ring().open(ephemeral.seal(SESSION))).isEmpty();
	}

	private static String header(String sealed) {
		return new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.'))));
	}

	private static BrowserProperties.Key key(String id, int fill) {
		byte[] secret = new byte[32];
		java.util.Arrays.fill(secret, (byte) fill);
		return new BrowserProperties.Key(id, Base64.getEncoder().encodeToString(secret));
	}

	private static SessionKeyRing ring(BrowserProperties.Key... keys) {
		BrowserProperties.Session session = new BrowserProperties.Session(List.of(keys),
				new BrowserProperties.Cookie(true, "pi_edge_session", null), Duration.ofHours(12),
				Duration.ofMinutes(5), Duration.ofMinutes(10));
		return new SessionKeyRing(TestBrowserProperties.with(session));
	}

}
