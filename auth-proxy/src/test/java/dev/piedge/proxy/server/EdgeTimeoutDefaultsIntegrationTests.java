package dev.piedge.proxy.server;

import java.time.Duration;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without config/auth-proxy.yml (tests run from auth-proxy/, where there is none) every
 * edge timeout still has a bound: the jar's own defaults.
 */
class EdgeTimeoutDefaultsIntegrationTests extends GatewayIntegrationTestSupport {

	@Autowired
	HttpClientProperties backendHop;

	@Autowired
	NettyServerProperties server;

	@Autowired
	ServerTimeoutProperties requestBody;

	@Test
	void boundsTheBackendHopByDefault() {
		assertThat(this.backendHop.getConnectTimeout()).isEqualTo(2000);
		assertThat(this.backendHop.getResponseTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.backendHop.getPool().getMaxIdleTime()).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.backendHop.getPool().getMaxLifeTime()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void boundsTheClientHopByDefault() {
		assertThat(this.server.getIdleTimeout()).isEqualTo(Duration.ofSeconds(65));
		assertThat(this.requestBody.readTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(this.requestBody.requestTimeout()).isEqualTo(Duration.ofSeconds(25));
	}

}
