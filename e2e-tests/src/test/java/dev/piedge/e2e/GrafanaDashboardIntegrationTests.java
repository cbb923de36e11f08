package dev.piedge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/grafana/pi-edge.json} queries metrics the apps really serve: every metric
 * name in its queries is in the running demo's {@code /actuator/prometheus}, of the proxy
 * or of the sidecar, once a request and a purchase have gone through (some meters are
 * registered at their first event).
 */
class GrafanaDashboardIntegrationTests {

	private static final Map<String, String> PORTS = Map.of("PI_PROXY_PORT", "27080", "DEMO_BACKEND_PORT", "27081",
			"PI_SIDECAR_PORT", "27082", "PI_SANDBOX_PORT", "27090", "PI_PROXY_MANAGEMENT_PORT", "26080",
			"DEMO_BACKEND_MANAGEMENT_PORT", "26081", "PI_SIDECAR_MANAGEMENT_PORT", "26082");

	/** Written by Prometheus itself for each target, not by the apps. */
	private static final Set<String> PROMETHEUS_OWN = Set.of("up");

	/**
	 * A metric name right before its label selector: the dashboard writes one on each.
	 */
	private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	@RegisterExtension
	static final RunningDemo demo = new RunningDemo(PORTS);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyMetricTheDashboardQueriesIsServed() throws Exception {
		String proxy = "http://127.0.0.1:" + PORTS.get("PI_PROXY_PORT");
		String sandbox = "http://127.0.0.1:" + PORTS.get("PI_SANDBOX_PORT");
		assertThat(get(proxy + "/hello", "sandbox-token-alice")).contains("\"X-Pi-Uid\"");
		String payment = field(
				post(sandbox + "/sandbox/payments", "sandbox-token-alice",
						"{\"amount\":3.14,\"memo\":\"Green tea\",\"metadata\":{\"productId\":\"green-tea\"}}"),
				"identifier");
		post(proxy + "/shop/pi_payment/approve", null,
				"{\"paymentId\":\"" + payment + "\",\"accessToken\":\"sandbox-token-alice\"}");
		String txid = field(post(sandbox + "/sandbox/payments/" + payment + "/transaction", null, ""), "txid");
		assertThat(post(proxy + "/shop/pi_payment/complete", null,
				"{\"paymentId\":\"" + payment + "\",\"transactionId\":\"" + txid + "\"}"))
			.contains("\"status\":\"COMPLETED\"");
		String sidecarMetrics = "http://127.0.0.1:" + PORTS.get("PI_SIDECAR_MANAGEMENT_PORT") + "/actuator/prometheus";
		await().atMost(Duration.ofSeconds(20))
			.until(() -> get(sidecarMetrics, null).contains("pi_fulfillment_deliveries_total{"));

		String served = get("http://127.0.0.1:" + PORTS.get("PI_PROXY_MANAGEMENT_PORT") + "/actuator/prometheus", null)
				+ get(sidecarMetrics, null);
		Set<String> queried = queriedMetrics();
		assertThat(queried).hasSizeGreaterThan(10);
		assertThat(queried).filteredOn((name) -> !PROMETHEUS_OWN.contains(name))
			.allSatisfy((name) -> assertThat(served).as(name).containsPattern("(?m)^" + name + "[{ ]"));
	}

	@SuppressWarnings("unchecked")
	private static Set<String> queriedMetrics() throws IOException {
		Map<String, Object> dashboard = new Yaml()
			.load(Files.readString(RepositoryRoot.path().resolve("deploy/grafana/pi-edge.json")));
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
			for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
				Matcher metric = METRIC.matcher((String) target.get("expr"));
				while (metric.find()) {
					names.add(metric.group(1));
				}
			}
		}
		return names;
	}

	private String get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(String url, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
		assertThat(value.find()).as(name + " in " + json).isTrue();
		return value.group(1);
	}

}
