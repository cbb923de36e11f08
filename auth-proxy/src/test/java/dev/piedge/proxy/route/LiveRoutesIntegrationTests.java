package dev.piedge.proxy.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.piedge.proxy.AuthProxyApplication;
import dev.piedge.test.SharedWireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real proxy on a real port, started from a routes file in a temporary directory, whose
 * routes file is then edited while it runs: no restart between the edits.
 */
@ExtendWith(OutputCaptureExtension.class)
class LiveRoutesIntegrationTests {

	private static final Duration RELOADED = Duration.ofSeconds(15);

	@RegisterExtension
	static final SharedWireMockExtension backend = new SharedWireMockExtension();

	@TempDir
	static Path configDir;

	private static ConfigurableApplicationContext proxy;

	private static WebClient client;

	private static WebClient management;

	@BeforeAll
	static void startProxyFromRoutesFile() throws IOException {
		writeRoutes(route("a", "/a/**", "public"));
		// Command-line arguments: SpringApplicationBuilder's properties would rank below
		// application.yml.
		proxy = new SpringApplicationBuilder(AuthProxyApplication.class, OwnEventLoops.class).run("--server.port=0",
				"--management.server.port=0", "--pi.api.base-url=http://127.0.0.1:1",
				"--spring.config.import=optional:file:" + configDir.resolve("auth-proxy.yml"),
				"--pi.routes.reload.interval=200ms");
		client = WebClient.create("http://127.0.0.1:" + proxy.getEnvironment().getProperty("local.server.port"));
		management = WebClient
			.create("http://127.0.0.1:" + proxy.getEnvironment().getProperty("local.management.port"));
	}

	@AfterAll
	static void stopProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	@BeforeEach
	void backendAnswersWithItsPath() {
		backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("backend-ok")));
	}

	@Test
	void anAddedRouteIsServedWithoutARestart() throws IOException {
		writeRoutes(route("a", "/a/**", "public"));
		awaitStatus("/b/thing", 404);

		writeRoutes(route("a", "/a/**", "public") + route("b", "/b/**", "public"));

		awaitStatus("/b/thing", 200);
		assertThat(status("/a/thing")).isEqualTo(200);
		assertThat(backend.countRequestsMatching(getRequestedFor(urlEqualTo("/b/thing")).build()).getCount())
			.isPositive();
	}

	@Test
	void aBrokenEditKeepsTheLastGoodRoutesLogsOnceAndTheNextGoodEditApplies(CapturedOutput output) throws IOException {
		writeRoutes(route("a", "/a/**", "public") + route("b", "/b/**", "public"));
		awaitStatus("/b/thing", 200);
		awaitMetric("pi_edge_routes_reload_failed", 0);
		double rejectedBefore = metric("pi_edge_routes_reloads_total\\{outcome=\"rejected\"\\}");

		writeRaw(header() + route("a", "/a/**", "public") + route("b", "/b/**", "public")
				+ route("c", "/c/**", "public") + "      - id: broken\n        uri: [unclosed\n");

		awaitMetric("pi_edge_routes_reload_failed", 1);
		assertThat(status("/b/thing")).isEqualTo(200);
		assertThat(status("/c/thing")).isEqualTo(404);
		// Several more polls of the same broken file: still one ERROR.
		await().pollDelay(Duration.ofSeconds(1)).atMost(RELOADED).until(() -> true);
		assertThat(occurrences(output.getOut(), "ERROR .*Routes file .* not applied")).isEqualTo(1);
		assertThat(output.getOut()).doesNotContain("\tat ");
		assertThat(metric("pi_edge_routes_reloads_total\\{outcome=\"rejected\"\\}")).isEqualTo(rejectedBefore + 1);

		writeRoutes(route("a", "/a/**", "public") + route("b", "/b/**", "public") + route("c", "/c/**", "public"));

		awaitStatus("/c/thing", 200);
		awaitMetric("pi_edge_routes_reload_failed", 0);
		assertThat(status("/b/thing")).isEqualTo(200);
	}

	@Test
	void aRouteFailingPiEdgeValidationIsRejectedNamingRouteAndKey(CapturedOutput output) throws IOException {
		writeRoutes(route("a", "/a/**", "public"));
		awaitStatus("/a/thing", 200);
		awaitMetric("pi_edge_routes_reload_failed", 0);

		writeRoutes(route("a", "/a/**", "public") + route("d", "/d/**", "sometimes"));

		awaitMetric("pi_edge_routes_reload_failed", 1);
		assertThat(output.getOut()).containsPattern("ERROR .*Route 'd': metadata 'pi-auth' is 'sometimes'");
		assertThat(status("/d/thing")).isEqualTo(404);

		writeRoutes(route("a", "/a/**", "public") + route("d", "/d/**", "Path=/d/**", "Nope=1", "public"));

		await().atMost(RELOADED)
			.untilAsserted(() -> assertThat(output.getOut()).containsPattern("ERROR .*Route 'd': predicates\\[1\\]"));
		assertThat(status("/d/thing")).isEqualTo(404);
		assertThat(status("/a/thing")).isEqualTo(200);
	}

	@Test
	void aRemovedRouteIsNoLongerServedAndTheNextMatchTakesItsPaths() throws IOException {
		writeRoutes(route("a", "/a/**", "public") + route("e", "/e/**", "public"));
		awaitStatus("/e/thing", 200);

		writeRoutes(route("e", "/e/**", "public"));

		// "a" was also a start-up route: no copy of the start-up routes is left serving
		// it.
		awaitStatus("/a/thing", 404);
		assertThat(status("/e/thing")).isEqualTo(200);

		writeRoutes(route("e", "/e/**", "public") + route("rest", "/**", "required"));

		awaitStatus("/a/thing", 401);
		writeRoutes(route("e", "/e/**", "public") + route("a", "/a/**", "public") + route("rest", "/**", "required"));
		awaitStatus("/a/thing", 200);
	}

	@Test
	void aChangedAuthPolicyTakesEffect() throws IOException {
		writeRoutes(route("a", "/a/**", "public") + route("f", "/f/**", "public"));
		awaitStatus("/f/thing", 200);

		writeRoutes(route("a", "/a/**", "public") + route("f", "/f/**", "required"));

		awaitStatus("/f/thing", 401);
	}

	@Test
	void aFileReplacedByRenameIsReloaded() throws IOException {
		writeRoutes(route("a", "/a/**", "public"));
		awaitStatus("/a/thing", 200);

		// As editors and ConfigMap volumes do: write elsewhere, then move over the file.
		Path next = Files.writeString(configDir.resolve(".auth-proxy.yml.swp"),
				header() + route("a", "/a/**", "public") + route("g", "/g/**", "public"));
		Files.move(next, configDir.resolve("auth-proxy.yml"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);

		awaitStatus("/g/thing", 200);
	}

	@Test
	void aConfigMapSwappingItsDataLinkIsReloaded() throws IOException {
		// A Kubernetes ConfigMap volume: auth-proxy.yml -> ..data/auth-proxy.yml, ..data
		// -> ..<timestamp>/,
		// and an update points ..data at a new directory with one atomic rename.
		Path file = configDir.resolve("auth-proxy.yml");
		Path first = Files.createDirectories(configDir.resolve("..2026_12_01_first"));
		Files.writeString(first.resolve("auth-proxy.yml"), header() + route("a", "/a/**", "public"));
		Files.deleteIfExists(configDir.resolve("..data"));
		Files.createSymbolicLink(configDir.resolve("..data"), first.getFileName());
		Files.delete(file);
		Files.createSymbolicLink(file, Path.of("..data", "auth-proxy.yml"));
		awaitStatus("/h/thing", 404);

		Path second = Files.createDirectories(configDir.resolve("..2026_12_01_second"));
		Files.writeString(second.resolve("auth-proxy.yml"),
				header() + route("a", "/a/**", "public") + route("h", "/h/**", "public"));
		Path link = Files.createSymbolicLink(configDir.resolve("..data_tmp"), second.getFileName());
		Files.move(link, configDir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);

		awaitStatus("/h/thing", 200);
		assertThat(status("/a/thing")).isEqualTo(200);
	}

	@Test
	void aRequestInFlightSurvivesAReload() throws IOException {
		backend.stubFor(get(urlPathMatching("/slow/.*"))
			.willReturn(aResponse().withStatus(200).withBody("slow-ok").withFixedDelay(3000)));
		writeRoutes(route("a", "/a/**", "public") + route("slow", "/slow/**", "public"));
		awaitStatus("/a/thing", 200);
		await().atMost(RELOADED).until(() -> status("/slow/probe") == 200);

		CompletableFuture<ResponseEntity<String>> slow = client.get()
			.uri("/slow/request")
			.retrieve()
			.toEntity(String.class)
			.toFuture();
		await().atMost(RELOADED)
			.until(() -> backend.countRequestsMatching(getRequestedFor(urlEqualTo("/slow/request")).build())
				.getCount() == 1);

		writeRoutes(route("a", "/a/**", "public"));
		awaitStatus("/slow/other", 404);

		ResponseEntity<String> answer = slow.join();
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(answer.getBody()).isEqualTo("slow-ok");
	}

	/**
	 * This proxy is closed after the class, in a JVM whose cached test contexts keep
	 * running: with Boot's default (Reactor Netty's global event loops), closing it would
	 * shut their loops down too.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OwnEventLoops {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		}

	}

	private static String header() {
		return "spring:\n  cloud:\n    gateway:\n      server:\n        webflux:\n          routes:\n";
	}

	private static String route(String id, String path, String auth) {
		return route(id, path, "Path=" + path, null, auth);
	}

	private static String route(String id, String path, String predicate, String secondPredicate, String auth) {
		return "            - id: " + id + "\n              uri: " + backend.baseUrl()
				+ "\n              predicates:\n                - " + predicate + "\n"
				+ ((secondPredicate != null) ? "                - " + secondPredicate + "\n" : "")
				+ "              metadata:\n                pi-auth: " + auth + "\n";
	}

	private static void writeRoutes(String routes) throws IOException {
		writeRaw(header() + routes);
	}

	private static void writeRaw(String content) throws IOException {
		Files.writeString(configDir.resolve("auth-proxy.yml"), content);
	}

	private static int status(String path) {
		return client.get()
			.uri(path)
			.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private static void awaitStatus(String path, int expected) {
		await().atMost(RELOADED).untilAsserted(() -> assertThat(status(path)).isEqualTo(expected));
	}

	private static double metric(String pattern) {
		String scrape = management.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		Matcher matcher = Pattern.compile("(?m)^" + pattern + " (\\S+)$").matcher(scrape);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static void awaitMetric(String name, double expected) {
		await().atMost(RELOADED).untilAsserted(() -> assertThat(metric(name)).isEqualTo(expected));
	}

	private static long occurrences(String text, String regex) {
		return Pattern.compile(regex).matcher(text).results().count();
	}

}
