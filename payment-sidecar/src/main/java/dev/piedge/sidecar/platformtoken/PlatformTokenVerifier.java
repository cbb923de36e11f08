package dev.piedge.sidecar.platformtoken;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.piedge.sidecar.api.ApiCredentialVerifier;
import dev.piedge.sidecar.api.ApiPrincipal;
import dev.piedge.sidecar.api.Permission;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Verifies platform tokens: a JWS (three dot-separated parts) signed with RS512 or ES256
 * by a key from {@code pi.api-auth.platform}. {@code alg: none}, HMAC and every other
 * algorithm, an unknown {@code kid}, a bad signature, an expired token (beyond the clock
 * skew), a lifetime over {@code max-lifetime} and a missing claim are all refused with
 * 401 {@code invalid_platform_token}. The caller is {@code platform:<sub>} with the
 * token's {@code permissions}; names this version does not know grant nothing, so a
 * platform may mint one token for several pi-edge versions.
 */
@Component
class PlatformTokenVerifier implements ApiCredentialVerifier {

	private static final Duration KEY_FETCH_TIMEOUT = Duration.ofSeconds(3);

	private final NimbusReactiveJwtDecoder decoder;

	PlatformTokenVerifier(PlatformTokenProperties properties, Clock clock) {
		this.decoder = properties.enabled() ? decoder(properties, clock) : null;
	}

	@Override
	public boolean accepts(String credential) {
		// A JWS in compact form: header.payload.signature. API keys have no dot.
		return credential.chars().filter(c -> c == '.').count() == 2;
	}

	@Override
	public Mono<ApiPrincipal> verify(String credential) {
		if (this.decoder == null) {
			return Mono.error(InvalidPlatformTokenException.notEnabled());
		}
		return this.decoder.decode(credential)
			.timeout(KEY_FETCH_TIMEOUT.plusSeconds(1))
			.map(PlatformTokenVerifier::principal)
			.onErrorMap(PlatformTokenVerifier::refusal);
	}

	private static ApiPrincipal principal(Jwt jwt) {
		Set<Permission> granted = EnumSet.noneOf(Permission.class);
		// The validator has checked that this is a list of strings.
		for (Object value : (List<?>) jwt.getClaims().get("permissions")) {
			Permission.parse((String) value).ifPresent(granted::add);
		}
		return ApiPrincipal.platform(jwt.getSubject(), granted);
	}

	private static Throwable refusal(Throwable ex) {
		if (ex instanceof JwtValidationException invalid) {
			return InvalidPlatformTokenException.because(invalid.getErrors()
				.stream()
				.map(OAuth2Error::getDescription)
				.findFirst()
				.orElse("The platform token is not valid."));
		}
		if (ex instanceof JwtException && !(ex.getCause() instanceof WebClientException)) {
			return InvalidPlatformTokenException.because("The platform token is not a JWS signed with RS512 or ES256 "
					+ "by a configured platform key (unknown kid, other alg or bad signature).");
		}
		return PlatformKeysUnavailableException.create();
	}

	private static NimbusReactiveJwtDecoder decoder(PlatformTokenProperties properties, Clock clock) {
		NimbusReactiveJwtDecoder decoder = (properties.jwksUri() != null) ? jwksDecoder(properties)
				: publicKeyDecoder(PlatformPublicKey.parse(properties.publicKey()));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		timestamps.setAllowEmptyExpiryClaim(false);
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(timestamps, new PlatformTokenClaimsValidator(properties, clock)));
		decoder.setClaimSetConverter(withoutInventedIssuedAt());
		return decoder;
	}

	/**
	 * Spring's claim conversion, except that a token without {@code iat} keeps none:
	 * Spring sets one a second before {@code exp}, which would hide the missing claim and
	 * let a token bypass the lifetime rule.
	 */
	private static Converter<Map<String, Object>, Map<String, Object>> withoutInventedIssuedAt() {
		MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());
		return claims -> {
			Map<String, Object> converted = new HashMap<>(defaults.convert(claims));
			if (!claims.containsKey(JwtClaimNames.IAT)) {
				converted.remove(JwtClaimNames.IAT);
			}
			return converted;
		};
	}

	private static NimbusReactiveJwtDecoder jwksDecoder(PlatformTokenProperties properties) {
		return NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString()).jwsAlgorithms(algorithms -> {
			algorithms.add(SignatureAlgorithm.RS512);
			algorithms.add(SignatureAlgorithm.ES256);
		})
			.webClient(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(KEY_FETCH_TIMEOUT)))
				.build())
			.build();
	}

	/**
	 * A key without a {@code kid} verifies tokens whatever their {@code kid}: Nimbus
	 * matches a token's {@code kid} against the key's, so the key is offered under the
	 * token's. A key with a {@code kid} is offered as it is and matches only that one.
	 */
	private static NimbusReactiveJwtDecoder publicKeyDecoder(PlatformPublicKey key) {
		JWK jwk = key.jwk();
		return NimbusReactiveJwtDecoder
			.withJwkSource(
					(SignedJWT token) -> Flux.just((jwk.getKeyID() != null || token.getHeader().getKeyID() == null)
							? jwk : withKeyId(jwk, token.getHeader().getKeyID())))
			.jwsAlgorithm(SignatureAlgorithm.from(key.algorithm().getName()))
			.build();
	}

	private static JWK withKeyId(JWK jwk, String keyId) {
		if (jwk instanceof RSAKey rsa) {
			return new RSAKey.Builder(rsa).keyID(keyId).build();
		}
		return new ECKey.Builder((ECKey) jwk).keyID(keyId).build();
	}

}
