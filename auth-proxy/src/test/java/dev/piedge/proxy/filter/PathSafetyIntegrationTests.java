package dev.piedge.proxy.filter;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

class PathSafetyIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/public/..%2Fstaff/report", "/public/%2e%2e/staff/report", "/public/..;/staff/report",
			"/public/../staff/report", "/public//staff/report", "/public/%252e%252e/staff/report" })
	void traversalThroughAPublicPrefixNeverReachesTheBackend(String rawTarget) throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, rawTarget);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("application/problem+json").contains("\"code\":\"ambiguous_path\"");
		assertThat(backendRequests()).isEmpty();
		assertThat(meCalls()).isZero();
	}

}
