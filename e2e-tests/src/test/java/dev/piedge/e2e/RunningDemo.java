package dev.piedge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * The README's demo ({@code bin/demo}), running for a test class on ports of its own:
 * started before the class (the jars Maven packaged in this build), stopped after it.
 * Register it as a static extension.
 */
final class RunningDemo implements BeforeAllCallback, AfterAllCallback {

	private static final String READY = "pi-edge is running.";

	private final Map<String, String> environment;

	private Process process;

	private Path log;

	/**
	 * @param environment the ports and any other settings for {@code bin/demo}
	 */
	RunningDemo(Map<String, String> environment) {
		this.environment = environment;
	}

	String setting(String name) {
		return this.environment.get(name);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.log = Files.createTempFile("pi-edge-demo", ".log");
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", "bin/demo"))
			.directory(RepositoryRoot.path().toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		builder.environment().putAll(this.environment);
		// Maven has just packaged every jar in this same build.
		builder.environment().put("PI_EDGE_NO_BUILD", "1");
		this.process = builder.start();
		await("bin/demo printing '" + READY + "'").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("bin/demo stopped during start-up:\n" + output());
				}
				return output().contains(READY);
			});
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.process != null) {
			// bin/demo stops every app it started on SIGTERM.
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		if (this.log != null) {
			Files.deleteIfExists(this.log);
		}
	}

	String output() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

}
