package dev.piedge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One packaged app (a jar Maven built in this build) running as a child process of the
 * test JVM, with its output in a log file under {@code target/}. It can be stopped as an
 * operator would (SIGTERM) or killed as a crash would ({@code kill -9}).
 */
final class RunningJar {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private RunningJar(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code <module>/target/<module>.jar} from the repository root (so it reads
	 * {@code config/}), and waits until {@code readyUrl} answers 200.
	 * @param name names the log file, {@code target/<name>.log}
	 * @param module the module whose jar runs
	 * @param environment its settings
	 * @param systemProperties extra {@code -D} settings, for those without an environment
	 * variable
	 * @param readyUrl its health or readiness URL
	 */
	static RunningJar start(String name, String module, Map<String, String> environment,
			Map<String, String> systemProperties, String readyUrl) throws IOException {
		Path log = Path.of("target", name + ".log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(
				List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("-jar", module + "/target/" + module + ".jar"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(RepositoryRoot.path().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		RunningJar jar = new RunningJar(name, builder.start(), log);
		await(name + " ready at " + readyUrl).atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!jar.process.isAlive()) {
					throw new IllegalStateException(name + " stopped during start-up:\n" + jar.logTail());
				}
				return answers200(readyUrl);
			});
		return jar;
	}

	private static boolean answers200(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * A crash: SIGKILL to the process and anything it started, with no chance to finish a
	 * request, release a lease or flush anything; returns once it is gone.
	 */
	void kill() throws InterruptedException {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " survived kill -9");
		}
	}

	/** An orderly stop (SIGTERM), then a kill if it takes too long. */
	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			kill();
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The last lines of its log, for a failure message. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return this.name + " (" + this.log + "):\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return this.name + ": no log (" + ex + ")";
		}
	}

}
