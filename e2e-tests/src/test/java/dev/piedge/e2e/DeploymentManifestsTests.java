package dev.piedge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The Kubernetes base in {@code deploy/base}, as {@code kubectl kustomize} renders it
 * (or, without kubectl, as its files read): what the README promises operators about it.
 * Nothing here is applied to a cluster; there is none on these machines.
 */
@SuppressWarnings("unchecked")
class DeploymentManifestsTests {

	/** Variables whose values are secrets: each must come from a Secret. */
	private static final Set<String> SECRET_VARIABLES = Set.of("PI_AUTH_ASSERTION_JWK",
			"PI_BROWSER_SESSION_KEYS_0_SECRET", "PI_API_KEY", "PI_FULFILLMENT_SECRET", "PI_DB_PASSWORD",
			"PI_WALLET_SEED");

	private static final Pattern SECRET_LOOKING_NAME = Pattern
		.compile("(?i).*(KEY|SECRET|PASSWORD|SEED|TOKEN).*|.*_JWK");

	private static List<Map<String, Object>> objects;

	@BeforeAll
	static void render() throws Exception {
		objects = KustomizeBase.kubectlInstalled() ? KustomizeBase.renderWithKubectl()
				: KustomizeBase.readWithoutKubectl();
	}

	@Test
	void everyContainerHasProbesOnTheManagementPortAndResources() {
		assertThat(containers()).hasSize(2).allSatisfy((container) -> {
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(get(container, probe, "httpGet", "port")).as(container.get("name") + " " + probe)
					.isEqualTo("management");
			}
			assertThat((List<Map<String, Object>>) get(container, "ports")).extracting((port) -> port.get("name"))
				.contains("management");
			for (String kind : List.of("requests", "limits")) {
				assertThat((Map<String, Object>) get(container, "resources", kind))
					.as(container.get("name") + " " + kind)
					.containsKeys("cpu", "memory");
			}
		});
	}

	@Test
	void managementPortsListenOnThePodAddressForTheProbes() {
		assertThat(env(deployment("auth-proxy"))).containsEntry("PI_PROXY_MANAGEMENT_ADDRESS", "0.0.0.0");
		assertThat(env(deployment("payment-sidecar"))).containsEntry("PI_SIDECAR_MANAGEMENT_ADDRESS", "0.0.0.0");
		for (String app : List.of("auth-proxy", "payment-sidecar")) {
			assertThat(ofKind("NetworkPolicy")).as(app)
				.anySatisfy((policy) -> assertThat(podLabels(deployment(app)))
					.containsAllEntriesOf((Map<String, Object>) get(policy, "spec", "podSelector", "matchLabels")));
		}
	}

	@Test
	void secretsComeOnlyFromSecretKeyRefs() {
		assertThat(ofKind("Secret")).isEmpty();
		List<Map<String, Object>> variables = containers().stream()
			.flatMap((container) -> ((List<Map<String, Object>>) container.get("env")).stream())
			.toList();
		assertThat(variables).filteredOn((variable) -> SECRET_VARIABLES.contains(variable.get("name")))
			.extracting((variable) -> variable.get("name"))
			.containsExactlyInAnyOrderElementsOf(SECRET_VARIABLES);
		assertThat(variables)
			.filteredOn((variable) -> SECRET_LOOKING_NAME.matcher((String) variable.get("name")).matches())
			.allSatisfy((variable) -> assertThat(variable).as((String) variable.get("name"))
				.doesNotContainKey("value")
				.extractingByKey("valueFrom")
				.asInstanceOf(MAP)
				.containsKey("secretKeyRef"));
		// Variables read from ConfigMaps (envFrom) are plain settings too.
		for (Map<String, Object> configMap : ofKind("ConfigMap")) {
			assertThat(((Map<String, Object>) configMap.get("data")).keySet())
				.noneMatch((key) -> SECRET_LOOKING_NAME.matcher(key).matches() && !key.endsWith(".yml"));
		}
	}

	@Test
	void theConfigMapMountedAtTheConfigDirHoldsTheRoutesOfConfig() throws IOException {
		Map<String, Object> proxy = deployment("auth-proxy");
		Map<String, Object> container = containers(proxy).get(0);
		Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
			.filter((candidate) -> candidate.get("mountPath").equals(env(proxy).get("PI_EDGE_CONFIG_DIR")))
			.findFirst()
			.orElseThrow();
		String configMapName = ((List<Map<String, Object>>) get(proxy, "spec", "template", "spec", "volumes")).stream()
			.filter((volume) -> volume.get("name").equals(mount.get("name")))
			.map((volume) -> (String) get(volume, "configMap", "name"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> configMap = ofKind("ConfigMap").stream()
			.filter((candidate) -> get(candidate, "metadata", "name").equals(configMapName))
			.findFirst()
			.orElseThrow();
		String shipped = (String) get(configMap, "data", "auth-proxy.yml");
		String config = Files.readString(RepositoryRoot.path().resolve("config/auth-proxy.yml"));
		Object routes = routes(config);
		assertThat(routes).asInstanceOf(LIST).isNotEmpty();
		assertThat(routes(shipped)).isEqualTo(routes);
		assertThat(get(configMap, "data", "payment-sidecar.yml"))
			.isEqualTo(Files.readString(RepositoryRoot.path().resolve("config/payment-sidecar.yml")));
	}

	@Test
	void theProxyRunsAtLeastTwoReplicasWithAnAutoscalerAndADisruptionBudget() {
		Map<String, Object> proxy = deployment("auth-proxy");
		assertThat((Integer) get(proxy, "spec", "replicas")).isGreaterThanOrEqualTo(2);
		assertThat(ofKind("HorizontalPodAutoscaler")).singleElement().satisfies((autoscaler) -> {
			assertThat(autoscaler.get("apiVersion")).isEqualTo("autoscaling/v2");
			assertThat((Map<String, Object>) get(autoscaler, "spec", "scaleTargetRef"))
				.containsEntry("kind", "Deployment")
				.containsEntry("name", "auth-proxy");
			assertThat((Integer) get(autoscaler, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
			assertThat((List<Map<String, Object>>) get(autoscaler, "spec", "metrics"))
				.anySatisfy((metric) -> assertThat(get(metric, "resource", "name")).isEqualTo("cpu"));
		});
		assertThat(ofKind("PodDisruptionBudget")).anySatisfy((budget) -> assertThat(podLabels(proxy))
			.containsAllEntriesOf((Map<String, Object>) get(budget, "spec", "selector", "matchLabels")));
	}

	@Test
	void theSidecarRunsTwoReplicas() {
		assertThat(get(deployment("payment-sidecar"), "spec", "replicas")).isEqualTo(2);
	}

	@Test
	void eachServiceSelectsItsAppsPodsOnANamedPort() {
		for (String app : List.of("auth-proxy", "payment-sidecar")) {
			Map<String, Object> service = ofKind("Service").stream()
				.filter((candidate) -> get(candidate, "metadata", "name").equals(app))
				.findFirst()
				.orElseThrow();
			Map<String, Object> selector = (Map<String, Object>) get(service, "spec", "selector");
			assertThat(selector).isNotEmpty();
			assertThat(ofKind("Deployment"))
				.filteredOn((deployment) -> podLabels(deployment).entrySet().containsAll(selector.entrySet()))
				.extracting((deployment) -> get(deployment, "metadata", "name"))
				.containsExactly(app);
			Set<Object> containerPorts = ((List<Map<String, Object>>) get(containers(deployment(app)).get(0), "ports"))
				.stream()
				.map((port) -> port.get("name"))
				.collect(Collectors.toSet());
			assertThat((List<Map<String, Object>>) get(service, "spec", "ports"))
				.allSatisfy((port) -> assertThat(containerPorts).contains(port.get("targetPort")));
		}
	}

	@Test
	void podsAreGivenLongerToStopThanTheAppsDrain() throws IOException {
		for (String app : List.of("auth-proxy", "payment-sidecar")) {
			Map<String, Object> settings = new Yaml()
				.load(Files.readString(RepositoryRoot.path().resolve(app + "/src/main/resources/application.yml")));
			assertThat(get(settings, "server", "shutdown")).as(app).isEqualTo("graceful");
			Duration drain = Duration.parse(
					"PT" + get(settings, "spring", "lifecycle", "timeout-per-shutdown-phase").toString().toUpperCase());
			Map<String, Object> pod = (Map<String, Object>) get(deployment(app), "spec", "template", "spec");
			List<String> preStop = (List<String>) get(containers(deployment(app)).get(0), "lifecycle", "preStop",
					"exec", "command");
			Duration sleep = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1)));
			assertThat(Duration.ofSeconds((Integer) pod.get("terminationGracePeriodSeconds"))).as(app)
				.isGreaterThan(drain.plus(sleep));
		}
	}

	@Test
	void kubectlRendersTheBaseAsTheFilesSay() throws Exception {
		Assumptions.assumeTrue(KustomizeBase.kubectlInstalled(),
				"kubectl is not installed (it is not a Debian package); the files were read directly");
		assertThat(names(KustomizeBase.renderWithKubectl())).isEqualTo(names(KustomizeBase.readWithoutKubectl()));
	}

	private static Set<String> names(List<Map<String, Object>> rendered) {
		// kustomize appends a content hash to generated ConfigMaps' names.
		return rendered.stream()
			.map((object) -> object.get("kind") + "/"
					+ ((String) get(object, "metadata", "name")).replaceFirst("-[a-z0-9]{10}$", ""))
			.collect(Collectors.toSet());
	}

	private static Object routes(String authProxyYaml) {
		return get(new Yaml().load(authProxyYaml), "spring", "cloud", "gateway", "server", "webflux", "routes");
	}

	private static List<Map<String, Object>> ofKind(String kind) {
		return objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	private static Map<String, Object> deployment(String name) {
		return ofKind("Deployment").stream()
			.filter((deployment) -> name.equals(get(deployment, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Deployment " + name));
	}

	private static List<Map<String, Object>> containers() {
		return ofKind("Deployment").stream().flatMap((deployment) -> containers(deployment).stream()).toList();
	}

	private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
		return (List<Map<String, Object>>) get(deployment, "spec", "template", "spec", "containers");
	}

	private static Map<String, Object> podLabels(Map<String, Object> deployment) {
		return (Map<String, Object>) get(deployment, "spec", "template", "metadata", "labels");
	}

	private static Map<String, Object> env(Map<String, Object> deployment) {
		return ((List<Map<String, Object>>) containers(deployment).get(0).get("env")).stream()
			.filter((variable) -> variable.containsKey("value"))
			.collect(
					Collectors.toMap((variable) -> (String) variable.get("name"), (variable) -> variable.get("value")));
	}

	@SuppressWarnings("unchecked")
	private static Object get(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map)) {
				return null;
			}
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

}
