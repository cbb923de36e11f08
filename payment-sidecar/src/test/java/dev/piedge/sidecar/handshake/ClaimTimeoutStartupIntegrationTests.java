package dev.piedge.sidecar.handshake;

import dev.piedge.sidecar.PaymentSidecarApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sidecar itself refuses to start with a claim timeout that a Pi call can outlast. No
 * database is needed: start-up stops before anything connects to one. (A context that
 * starts anyway is closed, so a failing test leaves no server behind.)
 */
class ClaimTimeoutStartupIntegrationTests {

	@Test
	void aClaimTimeoutThatAPiCallCanOutlastStopsStartupNamingBothKeys() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(PaymentSidecarApplication.class)
			.properties("spring.config.import=", "server.port=0", "management.server.port=0",
					"spring.flyway.enabled=false", "spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:1/none",
					"pi.payments.network=Pi Testnet", "pi.payments.verification.mode=accept-all",
					"pi.identity.jwks-uri=http://127.0.0.1:9/.well-known/jwks.json", "pi.payments.claim-timeout=30s")
			.run()
			.close()).rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("pi.payments.claim-timeout (30s) must be longer than a Pi call with all its "
					+ "retries, which can take 87s here (pi.api.timeout 5s;");
	}

}
