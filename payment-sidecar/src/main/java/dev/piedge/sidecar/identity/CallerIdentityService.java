package dev.piedge.sidecar.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Reads the caller from the proxy's signed {@code X-Pi-Identity} header, verified against
 * the proxy's JWKS (fetched and cached by Spring Security's reactive Nimbus decoder,
 * refreshed for unknown key ids). A bare {@code X-Pi-Uid} is never trusted: anyone who
 * can reach the sidecar could send one.
 * <p>
 * The proxy reuses an assertion for half its lifetime, so the same string arrives on
 * every callback of a handshake, and an ES256 verification was about a third of the
 * sidecar's CPU per handshake (NOTES.md, issue 16). A verified assertion is therefore
 * remembered by its exact text; its signature cannot change without changing the text.
 * Its expiry and issuer are checked again on every use, and the audience per endpoint, so
 * a remembered assertion is accepted exactly when a fresh verification would accept it
 * (the key set itself is cached by the decoder either way).
 */
@Service
public class CallerIdentityService {

	static final String IDENTITY_HEADER = "X-Pi-Identity";

	private static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(3);

	private static final int VERIFIED_MAX_SIZE = 10_000;

	// Bounds memory only: every use re-checks exp, so a long-lived entry is never
	// accepted past it.
	private static final Duration VERIFIED_LIFETIME = Duration.ofMinutes(5);

	private final ReactiveJwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	private final String audience;

	@Autowired
	public CallerIdentityService(IdentityProperties properties, Clock clock) {
		this(properties, clock, keySetDecoder(properties));
	}

	/**
	 * With {@code decoder} verifying signatures (tests count its calls); it gets the
	 * claim validator here.
	 */
	CallerIdentityService(IdentityProperties properties, Clock clock, NimbusReactiveJwtDecoder decoder) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		// The audience is checked per endpoint (caller(headers, audience)): the proxy's
		// checkout route signs for another audience than its payments route.
		this.validator = new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(properties.issuer()));
		decoder.setJwtValidator(this.validator);
		this.decoder = decoder;
		this.verified = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(VERIFIED_MAX_SIZE)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(VERIFIED_LIFETIME)
			.build();
		this.audience = properties.audience();
	}

	private static NimbusReactiveJwtDecoder keySetDecoder(IdentityProperties properties) {
		return NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.webClient(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(KEY_FETCH_TIMEOUT)))
				.build())
			.build();
	}

	/**
	 * The verified caller, signed for {@code pi.identity.audience}; empty without the
	 * header; {@link InvalidIdentityException} if it does not verify.
	 */
	public Mono<Optional<Caller>> caller(HttpHeaders headers) {
		return caller(headers, this.audience);
	}

	/**
	 * The verified caller, signed for {@code audience} (the id of the proxy route that
	 * leads to the endpoint); empty without the header; {@link InvalidIdentityException}
	 * if it does not verify or names another audience.
	 */
	public Mono<Optional<Caller>> caller(HttpHeaders headers, String audience) {
		List<String> values = headers.get(IDENTITY_HEADER);
		if (values == null || values.isEmpty()) {
			return Mono.just(Optional.empty());
		}
		if (values.size() > 1) {
			return Mono.error(InvalidIdentityException.create());
		}
		return verify(values.get(0)).filter(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience))
			.switchIfEmpty(Mono.error(() -> new JwtException("aud must contain " + audience)))
			.map(jwt -> Optional.of(new Caller(jwt.getSubject(), jwt.getClaimAsString("username"))))
			.timeout(KEY_FETCH_TIMEOUT.plusSeconds(1))
			.onErrorMap(ex -> (ex instanceof JwtException && !(ex.getCause() instanceof WebClientException))
					? InvalidIdentityException.create() : IdentityKeysUnavailableException.create());
	}

	/**
	 * The decoder's answer for this assertion, verified once while remembered; its claims
	 * are validated again on every call.
	 */
	private Mono<Jwt> verify(String assertion) {
		Jwt known = this.verified.getIfPresent(assertion);
		if (known == null) {
			return this.decoder.decode(assertion).doOnNext(jwt -> this.verified.put(assertion, jwt));
		}
		OAuth2TokenValidatorResult result = this.validator.validate(known);
		if (result.hasErrors()) {
			this.verified.invalidate(assertion);
			return Mono
				.error(new JwtValidationException("The identity assertion is no longer valid", result.getErrors()));
		}
		return Mono.just(known);
	}

}
