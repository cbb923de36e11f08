package dev.piedge.sidecar.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
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
 */
@Service
public class CallerIdentityService {

	static final String IDENTITY_HEADER = "X-Pi-Identity";

	private static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final ReactiveJwtDecoder decoder;

	private final String audience;

	public CallerIdentityService(IdentityProperties properties, Clock clock) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.webClient(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(KEY_FETCH_TIMEOUT)))
				.build())
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		// The audience is checked per endpoint (caller(headers, audience)): the proxy's
		// checkout route signs for another audience than its payments route.
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(properties.issuer())));
		this.decoder = decoder;
		this.audience = properties.audience();
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
		return this.decoder.decode(values.get(0))
			.filter(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience))
			.switchIfEmpty(Mono.error(() -> new JwtException("aud must contain " + audience)))
			.map(jwt -> Optional.of(new Caller(jwt.getSubject(), jwt.getClaimAsString("username"))))
			.timeout(KEY_FETCH_TIMEOUT.plusSeconds(1))
			.onErrorMap(ex -> (ex instanceof JwtException && !(ex.getCause() instanceof WebClientException))
					? InvalidIdentityException.create() : IdentityKeysUnavailableException.create());
	}

}
