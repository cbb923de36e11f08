package dev.piedge.sidecar.identity;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityPropertiesTests {

	private static final URI JWKS = URI.create("http://127.0.0.1:8080/.well-known/jwks.json");

	private static final Duration SKEW = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheDocumentedDefaults() {
		this.contextRunner.withPropertyValues("pi.identity.jwks-uri=" + JWKS)
			.run(context -> assertThat(context.getBean(IdentityProperties.class))
				.isEqualTo(new IdentityProperties(JWKS, "pi-edge", "payments", SKEW)));
	}

	@Test
	void failsStartupWithoutAJwksUriNamingTheKeyAndItsVariable() {
		this.contextRunner.run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessage("pi.identity.jwks-uri must be the proxy's key set as an absolute http(s) URL such as "
					+ "http://127.0.0.1:8080/.well-known/jwks.json (env PI_IDENTITY_JWKS_URI), but was null"));
	}

	@Test
	void rejectsAJwksUriThatIsNotAnAbsoluteHttpUrl() {
		for (String uri : new String[] { "/.well-known/jwks.json", "file:///etc/jwks.json", "http:jwks" }) {
			assertThatIllegalArgumentException().as(uri)
				.isThrownBy(() -> new IdentityProperties(URI.create(uri), "pi-edge", "payments", SKEW))
				.withMessageStartingWith("pi.identity.jwks-uri must be the proxy's key set as an absolute http(s) URL")
				.withMessageEndingWith("but was " + uri);
		}
	}

	@Test
	void rejectsABlankIssuerOrAudience() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentityProperties(JWKS, " ", "payments", SKEW))
			.withMessage("pi.identity.issuer must not be blank: set it to the proxy's pi.auth.assertion.issuer "
					+ "(default pi-edge)");
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentityProperties(JWKS, "pi-edge", "", SKEW))
			.withMessage("pi.identity.audience must not be blank: set it to the id of the proxy route that leads "
					+ "here (default payments)");
	}

	@Test
	void rejectsANegativeClockSkew() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentityProperties(JWKS, "pi-edge", "payments", Duration.ofSeconds(-1)))
			.withMessage("pi.identity.clock-skew must be zero or a positive duration such as 30s, but was PT-1S");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IdentityProperties.class)
	static class PropertiesConfiguration {

	}

}
