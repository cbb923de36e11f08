package dev.piedge.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

class DockerComposeIntegrationTests {

	private static final List<String> SERVICES = List.of("postgres", "pi-sandbox", "demo-backend", "payment-sidecar",
			"auth-proxy");

	@Test
	void composeCliAcceptsTheFile() throws Exception {
		List<String> compose = composeCommand()
			.orElseThrow(() -> new TestAbortedException("neither 'docker compose' nor 'docker-compose' is installed"));
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("-f", "docker-compose.yml", "config", "-q"));
		ProcessRun run = ProcessRun.of(RepositoryRoot.path(), Map.of(), Duration.ofSeconds(60), command);
		assertThat(run.exitCode()).as(run.output()).isZero();
	}

	@Test
	void runsEveryServiceWithAHealthcheck() throws IOException {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsOnlyKeys(SERVICES);
		services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
	}

	@Test
	void publishesOnlyTheProxy() throws IOException {
		services().forEach((name, service) -> {
			if (name.equals("auth-proxy")) {
				assertThat(service).containsKey("ports");
			}
			else {
				assertThat(service).as(name).doesNotContainKey("ports");
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(RepositoryRoot.path().resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	private static Optional<List<String>> composeCommand() {
		for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			List<String> version = new ArrayList<>(candidate);
			version.add("version");
			try {
				if (ProcessRun.of(RepositoryRoot.path(), Map.of(), Duration.ofSeconds(30), version).exitCode() == 0) {
					return Optional.of(candidate);
				}
			}
			catch (IOException ex) {
				// not installed; try the next form
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				Assumptions.abort("interrupted");
			}
		}
		return Optional.empty();
	}

}
