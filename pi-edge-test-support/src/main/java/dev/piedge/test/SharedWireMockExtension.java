package dev.piedge.test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit.DslWrapper;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock server for the test classes that share one cached Spring context, with the
 * same stubbing and verification methods as WireMock's {@code WireMockExtension}.
 * <p>
 * {@code WireMockExtension} starts a server for each test class and stops it after the
 * class, so each class gets a new port; but Spring caches a test context across classes,
 * and the cached context keeps calling the URL of the server it started with. This
 * extension starts its server on a dynamic port for the first test class that registers
 * it, keeps it for every later class in the same run, resets it before each test, and
 * stops it when the test run ends (JUnit closes it with the root context's store).
 * Declare it on the base class that owns the shared context, and read its URL in a
 * {@code @DynamicPropertySource}: <pre class="code">
 * &#064;RegisterExtension
 * static final SharedWireMockExtension pi = new SharedWireMockExtension();
 *
 * &#064;DynamicPropertySource
 * static void urls(DynamicPropertyRegistry registry) {
 *     registry.add("pi.api.base-url", pi::baseUrl);
 * }
 * </pre> A test class that starts its own application needs no sharing: use
 * {@code WireMockExtension} there.
 */
public final class SharedWireMockExtension extends DslWrapper implements BeforeAllCallback, BeforeEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SharedWireMockExtension.class);

	private volatile WireMockServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.server == null) {
			// Keyed by this instance: a static field, so one server per declaration per
			// run.
			RunningServer running = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(this, key -> RunningServer.start(), RunningServer.class);
			this.admin = running.server();
			this.stubbing = running.server();
			this.server = running.server();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		server().resetAll();
	}

	/** The server's {@code http://localhost:port}, for {@code @DynamicPropertySource}. */
	public String baseUrl() {
		return server().baseUrl();
	}

	public int port() {
		return server().port();
	}

	private WireMockServer server() {
		WireMockServer current = this.server;
		if (current == null) {
			throw new IllegalStateException(
					"The shared WireMock server is not started: register the extension with @RegisterExtension "
							+ "on a static field, and use it from a test, not from a static initializer");
		}
		return current;
	}

	/** Closed by JUnit when the test run ends. */
	private record RunningServer(WireMockServer server) implements AutoCloseable {

		static RunningServer start() {
			WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
			server.start();
			return new RunningServer(server);
		}

		@Override
		public void close() {
			this.server.stop();
		}

	}

}
