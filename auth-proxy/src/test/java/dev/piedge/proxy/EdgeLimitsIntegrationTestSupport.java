package dev.piedge.proxy;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The gateway with short edge timeouts (profile {@code limits},
 * {@code application-limits.yml}) and backends that misbehave: one that accepts and never
 * answers, a port nothing listens on, and a listener that never completes a connection.
 * Test classes that extend it share one Spring context.
 */
@ActiveProfiles("limits")
public abstract class EdgeLimitsIntegrationTestSupport extends GatewayIntegrationTestSupport {

	protected static final SilentBackend silentBackend = SilentBackend.start();

	private static final FullBacklogBackend fullBacklogBackend = FullBacklogBackend.start();

	private static final int refusingPort = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void misbehavingBackendUrls(DynamicPropertyRegistry registry) {
		registry.add("test.silent-backend-url", silentBackend::baseUrl);
		registry.add("test.full-backlog-backend-url", fullBacklogBackend::baseUrl);
		registry.add("test.refusing-backend-url", () -> "http://127.0.0.1:" + refusingPort);
	}

}
