package dev.piedge.proxy.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The YAML file the proxy's routes came from, and how an edited copy of it binds. Only
 * the routes are read: the file's new content takes the place of its old content among
 * the environment's property sources, and
 * {@code spring.cloud.gateway.server.webflux.routes} is bound from them as at start-up,
 * so {@code ${...}} placeholders and overrides from higher sources (the environment, the
 * command line) still apply.
 */
final class RoutesFile {

	static final String ROUTES = GatewayProperties.PREFIX + ".routes";

	private static final Pattern ROUTE_INDEX = Pattern.compile(Pattern.quote(ROUTES) + "\\[(\\d+)]\\.?(.*)");

	private final Path path;

	private final ConfigurableEnvironment environment;

	private RoutesFile(Path path, ConfigurableEnvironment environment) {
		this.path = path;
		this.environment = environment;
	}

	/**
	 * The file that defined the routes at start-up, if they came from a file outside the
	 * jar (a classpath resource cannot be edited); else {@code fallback}, the file
	 * {@code spring.config.import} names, when it exists.
	 */
	static Optional<RoutesFile> locate(ConfigurableEnvironment environment, Path fallback) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					|| !(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				if (name.startsWith(ROUTES + "[")) {
					return fileOf(source, name).map(file -> new RoutesFile(file, environment));
				}
			}
		}
		return Files.isRegularFile(fallback) ? Optional.of(new RoutesFile(fallback, environment)) : Optional.empty();
	}

	Path path() {
		return this.path;
	}

	/** The file's bytes as they are now, following symbolic links. */
	byte[] read() throws IOException {
		return Files.readAllBytes(this.path);
	}

	/**
	 * Binds the routes of {@code content} as the gateway binds them at start-up.
	 * @throws InvalidRoutesException when the YAML does not parse or a route does not
	 * bind
	 */
	List<RouteDefinition> bind(byte[] content) {
		List<PropertySource<?>> loaded = load(content);
		List<PropertySource<?>> sources = new ArrayList<>();
		boolean replaced = false;
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			if (isFrom(source)) {
				if (!replaced) {
					sources.addAll(loaded);
					replaced = true;
				}
				continue;
			}
			sources.add(source);
		}
		if (!replaced) {
			// Not there at start-up: its routes count as the lowest source, as the jar's
			// own.
			sources.addAll(loaded);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(sources),
				new PropertySourcesPlaceholdersResolver(sources), ApplicationConversionService.getSharedInstance());
		try {
			return binder.bind(ROUTES, Bindable.listOf(RouteDefinition.class)).orElseGet(List::of);
		}
		catch (BindException ex) {
			throw unbindable(binder, ex);
		}
	}

	private List<PropertySource<?>> load(byte[] content) {
		try {
			return new YamlPropertySourceLoader().load("Routes file '" + this.path + "'",
					new ByteArrayResource(content, this.path.toString()));
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark();
			String problem = (ex.getContext() != null) ? ex.getContext() + ", " + ex.getProblem() : ex.getProblem();
			if (mark == null) {
				throw InvalidRoutesException.unparsable(problem);
			}
			throw InvalidRoutesException.unparsable(mark.getLine() + 1, mark.getColumn() + 1, problem);
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidRoutesException
				.unparsable(String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex).getMessage()));
		}
	}

	private InvalidRoutesException unbindable(Binder binder, BindException ex) {
		String name = ex.getName().toString();
		String problem = "cannot be bound: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
		Matcher index = ROUTE_INDEX.matcher(name);
		if (!index.matches()) {
			return InvalidRoutesException.invalid("'" + name + "' " + problem);
		}
		String routeId = binder.bind(ROUTES + "[" + index.group(1) + "].id", String.class).orElse("#" + index.group(1));
		return InvalidRoutesException.invalid(routeId, index.group(2).isEmpty() ? "definition" : index.group(2),
				problem);
	}

	private boolean isFrom(PropertySource<?> source) {
		if (source instanceof EnumerablePropertySource<?> enumerable && enumerable.getPropertyNames().length > 0) {
			Optional<Path> file = fileOf(source, enumerable.getPropertyNames()[0]);
			return file.isPresent() && sameFile(file.get(), this.path);
		}
		return false;
	}

	private static Optional<Path> fileOf(PropertySource<?> source, String name) {
		if (!(source instanceof OriginTrackedMapPropertySource) || !(source instanceof OriginLookup<?>)) {
			return Optional.empty();
		}
		@SuppressWarnings("unchecked")
		Origin origin = ((OriginLookup<String>) source).getOrigin(name);
		if (!(origin instanceof TextResourceOrigin text)) {
			return Optional.empty();
		}
		Resource resource = text.getResource();
		if (resource == null || resource instanceof ClassPathResource || !resource.isFile()) {
			return Optional.empty();
		}
		try {
			return Optional.of(resource.getFile().toPath());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean sameFile(Path a, Path b) {
		return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
	}

}
