package dev.piedge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one {@code Dockerfile} every image is built from, read as instructions: there is no
 * Docker engine (and no hadolint in Debian) on these machines to build or lint it.
 */
class DockerfileTests {

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	@Test
	void buildsTheJarInABuildStageAndRunsItsLayersOnAJre() throws IOException {
		List<String> instructions = instructions();
		List<String> stages = instructions.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0)).matches("FROM maven:\\S+-eclipse-temurin-17 AS build");
		assertThat(stages.get(1)).matches("FROM eclipse-temurin:17-jre");
		assertThat(instructions).anySatisfy((line) -> assertThat(line).startsWith("RUN ")
			.contains("mvn -B -q -DskipTests -pl \"$MODULE\" -am package")
			.contains("java -Djarmode=tools -jar \"$MODULE/target/$MODULE.jar\" extract --layers --launcher"));
		// Boot's layers, least often changed first, each its own image layer.
		assertThat(runtime(instructions)).filteredOn((line) -> line.startsWith("COPY --from=build"))
			.containsExactly("COPY --from=build /layers/dependencies/ ./",
					"COPY --from=build /layers/spring-boot-loader/ ./",
					"COPY --from=build /layers/snapshot-dependencies/ ./", "COPY --from=build /layers/application/ ./",
					"COPY --from=build /layers/jvm.options /app/jvm.options");
		// The module's own JVM settings travel with it, an empty file for a module
		// without any.
		assertThat(instructions).anySatisfy((line) -> assertThat(line).startsWith("RUN ")
			.contains("cat \"$MODULE/jvm.options\"")
			.contains(">/layers/jvm.options"));
	}

	@Test
	void runsAsANonRootUserWithMemoryAwareSettings() throws IOException {
		List<String> runtime = runtime(instructions());
		String user = runtime.stream().filter((line) -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
		assertThat(user.substring(5).trim()).matches("[1-9][0-9]*");
		String entrypoint = runtime.get(runtime.size() - 1);
		assertThat(runtime.indexOf(user)).isLessThan(runtime.size() - 1);
		assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\", \"@/app/jvm.options\"")
			.contains("\"-XX:MaxRAMPercentage=75\"")
			.endsWith("\"" + LAUNCHER + "\"]")
			.doesNotContain("-Xmx");
	}

	@Test
	void theBuildContextHoldsTheSourcesButNoLocalBuild() throws IOException {
		List<String> ignored = Files.readAllLines(RepositoryRoot.path().resolve(".dockerignore"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).contains("**/target/").noneMatch((line) -> line.equals("**") || line.contains("src"));
	}

	private static List<String> runtime(List<String> instructions) {
		int lastFrom = 0;
		for (int i = 0; i < instructions.size(); i++) {
			if (instructions.get(i).startsWith("FROM ")) {
				lastFrom = i;
			}
		}
		return instructions.subList(lastFrom, instructions.size());
	}

	/** One entry per instruction, continuation lines joined, comments dropped. */
	private static List<String> instructions() throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(RepositoryRoot.path().resolve("Dockerfile"))) {
			String trimmed = line.trim();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			boolean continues = trimmed.endsWith("\\");
			current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
			if (continues) {
				current.append(' ');
			}
			else {
				instructions.add(current.toString().replaceAll("\\s+", " ").trim());
				current.setLength(0);
			}
		}
		return instructions;
	}

}
