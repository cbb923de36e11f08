package dev.piedge.proxy.assertion;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.proxy.token.PiAuthProperties;
import dev.piedge.proxy.token.VerifiedIdentity;
import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IdentityAssertionService} keeps only each assertion's signature and writes the
 * claims again on every use: these check that what it hands out is always the JWT it
 * signed.
 */
class IdentityAssertionServiceTests {

	private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final ECKey key = generateKey();

	private final IdentityAssertionService assertions = new IdentityAssertionService(this.key,
			new PiAuthProperties(Duration.ofSeconds(10), Duration.ZERO, 4096, Duration.ofSeconds(1),
					DataSize.ofKilobytes(16),
					new PiAuthProperties.Cache(Duration.ofSeconds(30), Duration.ofSeconds(5), 1000, true),
					new PiAuthProperties.Assertion(true, Duration.ofSeconds(60), null, null, "pi-edge")),
			this.clock);

	@Test
	void reusesOneSignedAssertionForHalfItsLifetimeThenSignsANewOne() throws Exception {
		VerifiedIdentity identity = identity("uid-reuse", "reuse", Set.of("username"));
		String first = this.assertions.assertionFor(identity, "orders");

		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.assertions.assertionFor(identity, "orders")).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(1));
		String second = this.assertions.assertionFor(identity, "orders");
		assertThat(second).isNotEqualTo(first);
		assertThat(verifiedClaims(first).getIssueTime().toInstant()).isEqualTo(START);
		assertThat(verifiedClaims(second).getIssueTime().toInstant()).isEqualTo(START.plusSeconds(30));
		assertThat(verifiedClaims(second).getExpirationTime().toInstant()).isEqualTo(START.plusSeconds(90));
	}

	@Test
	void signsEachRouteForItsOwnAudience() throws Exception {
		VerifiedIdentity identity = identity("uid-routes", "routes", Set.of("payments"));

		assertThat(verifiedClaims(this.assertions.assertionFor(identity, "orders")).getAudience())
			.containsExactly("orders");
		assertThat(verifiedClaims(this.assertions.assertionFor(identity, "payments")).getAudience())
			.containsExactly("payments");
	}

	@Test
	void anEqualIdentityGetsTheAssertionSignedForTheFirst() throws Exception {
		Set<String> scopes = new LinkedHashSet<>(List.of("wallet_address", "payments", "username"));
		Set<String> reordered = new LinkedHashSet<>(List.of("username", "payments", "wallet_address"));
		String first = this.assertions.assertionFor(identity("uid-order", "order", scopes), "orders");

		String reused = this.assertions.assertionFor(identity("uid-order", "order", reordered), "orders");

		assertThat(reused).isEqualTo(first);
		assertThat(verifiedClaims(reused).getStringListClaim("scopes")).containsExactly("payments", "username",
				"wallet_address");
	}

	@Test
	void carriesNamesThatNeedEscapingExactly() throws Exception {
		String username = "jü\"les\\ \u2028 </script> 😀";
		JWTClaimsSet claims = verifiedClaims(
				this.assertions.assertionFor(identity("uid-\"quoted\"", username, Set.of("username")), "orders"));

		assertThat(claims.getSubject()).isEqualTo("uid-\"quoted\"");
		assertThat(claims.getStringClaim("username")).isEqualTo(username);
		assertThat(claims.getIssuer()).isEqualTo("pi-edge");
	}

	@Test
	void leavesOutTheUsernameWhenPiGaveNone() throws Exception {
		JWTClaimsSet claims = verifiedClaims(
				this.assertions.assertionFor(identity("uid-anonymous", null, Set.of()), "orders"));

		assertThat(claims.getClaims()).doesNotContainKey("username");
		assertThat(claims.getStringListClaim("scopes")).isEmpty();
	}

	private JWTClaimsSet verifiedClaims(String assertion) throws Exception {
		SignedJWT jwt = SignedJWT.parse(assertion);
		assertThat(jwt.verify(new ECDSAVerifier(this.key.toECPublicKey()))).as("signature").isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.key.getKeyID());
		return jwt.getJWTClaimsSet();
	}

	private static VerifiedIdentity identity(String uid, String username, Set<String> scopes) {
		return new VerifiedIdentity(uid, username, scopes, START.plus(Duration.ofHours(1)));
	}

	private static ECKey generateKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID("test").generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
