package dev.piedge.proxy.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesFileTests {

	private static final String ROUTES = "spring:\n  cloud:\n    gateway:\n      server:\n        webflux:\n"
			+ "          routes:\n";

	@TempDir
	Path dir;

	@Test
	void findsTheFileTheRoutesCameFrom() throws IOException {
		Path file = write("auth-proxy.yml", ROUTES + route("a", "http://127.0.0.1:8081"));

		RoutesFile routes = RoutesFile.locate(environmentFrom(file), this.dir.resolve("elsewhere.yml")).orElseThrow();

		assertThat(routes.path()).isEqualTo(file);
	}

	@Test
	void bindsTheNewContentInPlaceOfTheOldWithPlaceholdersResolved() throws IOException {
		Path file = write("auth-proxy.yml", ROUTES + route("a", "http://127.0.0.1:8081") + route("z", "http://z"));
		StandardEnvironment environment = environmentFrom(file);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("env", Map.of("PI_BACKEND_URL", "http://backend.test:9000")));
		RoutesFile routes = RoutesFile.locate(environment, file).orElseThrow();

		List<RouteDefinition> bound = routes.bind(bytes(ROUTES + route("b", "${PI_BACKEND_URL:http://127.0.0.1:1}")));

		assertThat(bound).extracting(RouteDefinition::getId).containsExactly("b");
		assertThat(bound.get(0).getUri()).hasToString("http://backend.test:9000");
		assertThat(bound.get(0).getMetadata()).containsEntry("pi-auth", "public");
	}

	@Test
	void yamlThatDoesNotParseIsNamedByLineAndColumnOnOneLine() throws IOException {
		Path file = write("auth-proxy.yml", ROUTES + route("a", "http://127.0.0.1:8081"));
		RoutesFile routes = RoutesFile.locate(environmentFrom(file), file).orElseThrow();

		assertThatThrownBy(() -> routes.bind(bytes(ROUTES + "            - id: b\n              uri: [open\n")))
			.isInstanceOf(InvalidRoutesException.class)
			.hasMessageStartingWith("line ")
			.hasMessageNotContaining("\n");
	}

	@Test
	void aRouteThatDoesNotBindIsNamedWithItsKey() throws IOException {
		Path file = write("auth-proxy.yml", ROUTES + route("a", "http://127.0.0.1:8081"));
		RoutesFile routes = RoutesFile.locate(environmentFrom(file), file).orElseThrow();

		assertThatThrownBy(() -> routes.bind(bytes(ROUTES + route("a", "http://127.0.0.1:8081")
				+ "            - id: b\n              uri: http://127.0.0.1:8081\n              order: first\n")))
			.isInstanceOf(InvalidRoutesException.class)
			.hasMessageStartingWith("Route 'b': order cannot be bound: ")
			.hasMessageNotContaining("\n");
	}

	@Test
	void routesFromTheClasspathOrNoFileAreNotWatched() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("props",
					Map.of(RoutesFile.ROUTES + "[0].id", "a", RoutesFile.ROUTES + "[0].uri", "http://a")));

		assertThat(RoutesFile.locate(environment, this.dir.resolve("missing.yml"))).isEmpty();
	}

	private static String route(String id, String uri) {
		return "            - id: " + id + "\n              uri: " + uri + "\n              predicates:\n"
				+ "                - Path=/" + id + "/**\n              metadata:\n                pi-auth: public\n";
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

	private static StandardEnvironment environmentFrom(Path file) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("config", new FileSystemResource(file))
			.forEach(environment.getPropertySources()::addLast);
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
