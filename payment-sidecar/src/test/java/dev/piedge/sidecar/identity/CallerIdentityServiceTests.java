package dev.piedge.sidecar.identity;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.sidecar.TestIdentities;
import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An assertion's signature is verified once while it is remembered, and a remembered
 * assertion is accepted exactly when a fresh verification would accept it.
 */
class CallerIdentityServiceTests {

	private static final Instant NOW = Instant.now();

	private final TestIdentities proxy = TestIdentities.generate("proxy-key");

	private final MutableClock clock = new MutableClock(NOW);

	private final AtomicInteger verifications = new AtomicInteger();

	private final CallerIdentityService identities = new CallerIdentityService(
			new IdentityProperties(URI.create("http://127.0.0.1:1/.well-known/jwks.json"), "pi-edge", "payments",
					Duration.ZERO),
			this.clock, countingDecoder());

	@Test
	void theSameAssertionIsVerifiedOnce() {
		HttpHeaders headers = identity(this.proxy.sign("uid-1", "payments", NOW.plusSeconds(60)));

		StepVerifier.create(this.identities.caller(headers))
			.expectNext(Optional.of(new Caller("uid-1", "user-uid-1")))
			.verifyComplete();
		StepVerifier.create(this.identities.caller(headers))
			.expectNext(Optional.of(new Caller("uid-1", "user-uid-1")))
			.verifyComplete();

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aRememberedAssertionIsRefusedOnceExpired() {
		HttpHeaders headers = identity(this.proxy.sign("uid-1", "payments", NOW.plusSeconds(60)));
		StepVerifier.create(this.identities.caller(headers)).expectNextCount(1).verifyComplete();

		this.clock.advance(Duration.ofSeconds(61));

		StepVerifier.create(this.identities.caller(headers)).verifyError(InvalidIdentityException.class);
	}

	@Test
	void aRememberedAssertionStillNeedsTheEndpointsAudience() {
		HttpHeaders headers = identity(this.proxy.sign("uid-1", "payments", NOW.plusSeconds(60)));
		StepVerifier.create(this.identities.caller(headers)).expectNextCount(1).verifyComplete();

		StepVerifier.create(this.identities.caller(headers, "checkout")).verifyError(InvalidIdentityException.class);
	}

	@Test
	void anAssertionWithAnotherSignatureIsVerifiedAgainAndRefused() {
		String assertion = this.proxy.sign("uid-1", "payments", NOW.plusSeconds(60));
		StepVerifier.create(this.identities.caller(identity(assertion))).expectNextCount(1).verifyComplete();
		String forged = assertion.substring(0, assertion.lastIndexOf('.') + 1)
				+ TestIdentities.generate("proxy-key").sign("uid-1", "payments", NOW.plusSeconds(60)).split("\\.")[2];

		StepVerifier.create(this.identities.caller(identity(forged))).verifyError(InvalidIdentityException.class);
		assertThat(this.verifications).hasValue(2);
	}

	private static HttpHeaders identity(String assertion) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(CallerIdentityService.IDENTITY_HEADER, assertion);
		return headers;
	}

	/** Verifies with the proxy's public key, as the JWKS decoder would, and counts. */
	private NimbusReactiveJwtDecoder countingDecoder() {
		ECDSAVerifier verifier;
		try {
			verifier = new ECDSAVerifier(JWKSet.parse(this.proxy.jwksJson()).getKeys().get(0).toECKey());
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return new NimbusReactiveJwtDecoder(jwt -> Mono.fromCallable(() -> {
			this.verifications.incrementAndGet();
			SignedJWT signed = (SignedJWT) jwt;
			if (!signed.verify(verifier)) {
				throw new BadJwtException("Signature does not verify");
			}
			return signed.getJWTClaimsSet();
		}));
	}

}
