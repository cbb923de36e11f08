package dev.piedge.proxy.assertion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.piedge.proxy.token.PiAuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the EC P-256 key that signs {@code X-Pi-Identity}. Several proxy instances
 * must share one key (or publish each other's), so production sets
 * {@code pi.auth.assertion.jwk} or {@code key-file}.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

	@Bean
	ECKey identitySigningKey(PiAuthProperties properties) {
		PiAuthProperties.Assertion assertion = properties.assertion();
		if (hasText(assertion.jwk())) {
			return parse(assertion.jwk(), "pi.auth.assertion.jwk");
		}
		if (hasText(assertion.keyFile())) {
			try {
				return parse(Files.readString(Path.of(assertion.keyFile()), StandardCharsets.UTF_8),
						"pi.auth.assertion.key-file " + assertion.keyFile());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read pi.auth.assertion.key-file " + assertion.keyFile(), ex);
			}
		}
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.keyID("ephemeral-" + UUID.randomUUID())
				.generate();
			log.warn("No pi.auth.assertion.jwk or key-file set: signing X-Pi-Identity with an ephemeral key ({}). "
					+ "Backends must re-read /.well-known/jwks.json after every restart, and several proxy "
					+ "instances will not share it.", key.getKeyID());
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an EC P-256 signing key", ex);
		}
	}

	private static ECKey parse(String json, String source) {
		try {
			JWK jwk = JWK.parse(json);
			if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
				throw new IllegalStateException(source + " must hold a private EC P-256 JWK (kty EC, crv P-256, d)");
			}
			if (ec.getKeyID() == null) {
				throw new IllegalStateException(
						source + " must have a key id (kid), which backends use to pick the key");
			}
			return ec;
		}
		catch (ParseException ex) {
			throw new IllegalStateException(source + " is not a valid JWK: " + ex.getMessage());
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
