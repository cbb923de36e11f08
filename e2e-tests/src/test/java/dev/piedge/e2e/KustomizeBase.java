package dev.piedge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The objects {@code deploy/base} renders to: {@code kubectl kustomize} when kubectl is
 * installed (it is not a Debian package, so a clean CI machine may lack it), otherwise
 * the same resources read directly, with the generated ConfigMaps built from their files
 * and literals (without kustomize's name hash, and without its image and name rewriting).
 */
final class KustomizeBase {

	static final String BASE = "deploy/base";

	private KustomizeBase() {
	}

	static boolean kubectlInstalled() {
		try {
			return ProcessRun
				.of(RepositoryRoot.path(), Map.of(), Duration.ofSeconds(30), List.of("kubectl", "version", "--client"))
				.exitCode() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static List<Map<String, Object>> renderWithKubectl() throws IOException, InterruptedException {
		ProcessRun run = ProcessRun.of(RepositoryRoot.path(), Map.of(), Duration.ofSeconds(60),
				List.of("kubectl", "kustomize", BASE));
		if (run.exitCode() != 0) {
			throw new IllegalStateException("kubectl kustomize " + BASE + " failed:\n" + run.output());
		}
		return documents(run.output());
	}

	static List<Map<String, Object>> readWithoutKubectl() throws IOException {
		return read(RepositoryRoot.path().resolve(BASE));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> read(Path directory) throws IOException {
		Map<String, Object> kustomization = new Yaml().load(Files.readString(directory.resolve("kustomization.yaml")));
		List<Map<String, Object>> objects = new ArrayList<>();
		for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
			Path path = directory.resolve(resource).normalize();
			objects.addAll(Files.isDirectory(path) ? read(path) : documents(Files.readString(path)));
		}
		for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization
			.getOrDefault("configMapGenerator", List.of())) {
			Map<String, String> data = new LinkedHashMap<>();
			for (String file : (List<String>) generator.getOrDefault("files", List.of())) {
				data.put(file, Files.readString(directory.resolve(file)));
			}
			for (String literal : (List<String>) generator.getOrDefault("literals", List.of())) {
				data.put(literal.substring(0, literal.indexOf('=')), literal.substring(literal.indexOf('=') + 1));
			}
			objects.add(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata",
					Map.of("name", generator.get("name")), "data", data));
		}
		return objects;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> documents(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

}
