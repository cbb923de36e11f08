package dev.piedge.sidecar.platformtoken;

import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.piedge.sidecar.api.TestPlatformKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformTokenPropertiesTests {

	private static final TestPlatformKeys keys = TestPlatformKeys.generate("rsa-1", "ec-1");

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	private static final Duration SKEW = Duration.ofSeconds(30);

	@Test
	void acceptsAJwksUriOrAPemOrJwkPublicKeyOrNothing() {
		assertThat(properties(URI.create("https://platform.internal/jwks.json"), null).enabled()).isTrue();
		assertThat(properties(null, PlatformTokenVerifierTests.pem(keys.rsa())).enabled()).isTrue();
		assertThat(properties(null, keys.ec().toPublicJWK().toJSONString()).enabled()).isTrue();
		assertThat(properties(null, null).enabled()).isFalse();
		assertThat(properties(URI.create(""), " ").enabled()).isFalse();
	}

	@Test
	void refusesBothKeySourcesAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(URI.create("https://platform.internal/jwks.json"),
					PlatformTokenVerifierTests.pem(keys.rsa())))
			.withMessageContaining("pi.api-auth.platform.jwks-uri and pi.api-auth.platform.public-key");
	}

	@Test
	void refusesAJwksUriThatIsNotAnAbsoluteHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(URI.create("/jwks.json"), null))
			.withMessageContaining("pi.api-auth.platform.jwks-uri");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(URI.create("file:///etc/jwks.json"), null))
			.withMessageContaining("pi.api-auth.platform.jwks-uri");
	}

	@Test
	void refusesKeysThatCannotVerifyPlatformTokens() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, keys.rsa().toJSONString()))
			.withMessageContaining("pi.api-auth.platform.public-key")
			.withMessageContaining("private key");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> properties(null, PlatformTokenVerifierTests.pem(new RSAKeyGenerator(1024, true).generate())))
			.withMessageContaining("at least 2048 bits");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(null, "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----"))
			.withMessageContaining("pi.api-auth.platform.public-key");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, "ssh-rsa AAAA..."))
			.withMessageContaining("PEM public key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(null, "{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}"))
			.withMessageContaining("private key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(null, new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONString()))
			.withMessageContaining("RSA key (RS512) or an EC P-256 key (ES256)");
	}

	@Test
	void refusesBadDurations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlatformTokenProperties(null, null, null, Duration.ZERO, SKEW))
			.withMessageContaining("pi.api-auth.platform.max-lifetime");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlatformTokenProperties(null, null, null, FIVE_MINUTES, Duration.ofSeconds(-1)))
			.withMessageContaining("pi.api-auth.platform.clock-skew");
	}

	private static PlatformTokenProperties properties(URI jwksUri, String publicKey) {
		return new PlatformTokenProperties(jwksUri, publicKey, null, FIVE_MINUTES, SKEW);
	}

}
