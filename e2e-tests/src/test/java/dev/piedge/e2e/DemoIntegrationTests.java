package dev.piedge.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's demo command exactly as a newcomer would, on ports of its own so that
 * a demo already running on this machine does not interfere.
 */
class DemoIntegrationTests {

	private static final Map<String, String> PORTS = Map.of("PI_PROXY_PORT", "18080", "DEMO_BACKEND_PORT", "18081",
			"PI_SIDECAR_PORT", "18082", "PI_SANDBOX_PORT", "18090", "PI_PROXY_MANAGEMENT_PORT", "19080",
			"DEMO_BACKEND_MANAGEMENT_PORT", "19081", "PI_SIDECAR_MANAGEMENT_PORT", "19082");

	@Test
	void demoServesTheEchoAndCompletesAPurchaseThroughTheProxy() throws Exception {
		Map<String, String> environment = new HashMap<>(PORTS);
		// Maven has just packaged every jar in this same build.
		environment.put("PI_EDGE_NO_BUILD", "1");
		ProcessRun run = ProcessRun.of(RepositoryRoot.path(), environment, Duration.ofMinutes(4),
				List.of("bash", "bin/demo", "--check"));
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("\"path\":\"/hello\"")
			.contains("\"X-Pi-Uid\":[\"5f0b5a2e-7c1d-4a8e-9d35-6c2f1a9b7e01\"]")
			.contains("webhook delivered")
			.contains("pi-edge demo check passed");
	}

}
