package dev.piedge.proxy.route;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Applies edits of the routes file while the proxy runs. The file is read every
 * {@code pi.routes.reload.interval} on a bounded-elastic thread, never an event loop.
 * Reading it whole by its path (rather than watching directory events) sees every way it
 * changes: written in place, replaced by a rename as editors do, or a Kubernetes
 * ConfigMap's {@code ..data} symbolic link swapped. A change is applied once the same
 * content is read twice in a row, so a half-written file is not mistaken for a broken
 * edit. A broken edit leaves the routes in force, is logged once as one ERROR line and
 * shows in {@code pi.edge.routes.reload.failed} until a good edit is applied.
 */
@Component
class RoutesFileWatcher implements SmartLifecycle {

	/** The file {@code application.yml}'s {@code spring.config.import} names. */
	static final String CONFIG_FILE = "${PI_EDGE_CONFIG_DIR:./config}/auth-proxy.yml";

	private static final Logger logger = LoggerFactory.getLogger(RoutesFileWatcher.class);

	private final ConfigurableEnvironment environment;

	private final LiveRoutesProperties properties;

	private final RouteDefinitionsCheck check;

	private final LiveRouteDefinitionLocator locator;

	private final AtomicInteger failed = new AtomicInteger();

	private final Counter applied;

	private final Counter rejected;

	private volatile Disposable polling;

	private RoutesFile file;

	private byte[] seen;

	private byte[] pending;

	private int unreadable;

	RoutesFileWatcher(ConfigurableEnvironment environment, LiveRoutesProperties properties, RouteDefinitionsCheck check,
			LiveRouteDefinitionLocator locator, MeterRegistry registry) {
		this.environment = environment;
		this.properties = properties;
		this.check = check;
		this.locator = locator;
		Gauge.builder("pi.edge.routes.reload.failed", this.failed, AtomicInteger::get)
			.description("1 while the routes file holds an edit that was rejected (the last good routes serve)")
			.register(registry);
		this.applied = reloads(registry, "applied");
		this.rejected = reloads(registry, "rejected");
	}

	private static Counter reloads(MeterRegistry registry, String outcome) {
		return Counter.builder("pi.edge.routes.reloads")
			.description("Edits of the routes file seen while running, by outcome: applied, rejected")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			logger.info("Live routes are off (pi.routes.reload.enabled=false): route changes need a restart");
			return;
		}
		Optional<RoutesFile> located = RoutesFile.locate(this.environment,
				Path.of(this.environment.resolvePlaceholders(CONFIG_FILE)));
		if (located.isEmpty()) {
			logger.info("Routes do not come from a file outside the jar: route changes need a restart");
			return;
		}
		this.file = located.get();
		this.seen = readOrNull();
		logger.info("Watching {} for route changes every {}", this.file.path(), this.properties.interval());
		this.polling = Flux.interval(this.properties.interval(), Schedulers.boundedElastic())
			.onBackpressureDrop()
			.subscribe(tick -> poll());
	}

	@Override
	public void stop() {
		Disposable running = this.polling;
		if (running != null) {
			running.dispose();
			this.polling = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.polling != null;
	}

	private void poll() {
		byte[] content = readOrNull();
		if (content == null || Arrays.equals(content, this.seen)) {
			this.pending = null;
			return;
		}
		if (!Arrays.equals(content, this.pending)) {
			this.pending = content;
			return;
		}
		this.seen = content;
		this.pending = null;
		apply(content);
	}

	private void apply(byte[] content) {
		try {
			List<RouteDefinition> routes = this.file.bind(content);
			this.check.check(routes);
			if (routes.equals(this.locator.current())) {
				logger.info("{} changed but its routes did not; other settings apply at the next restart",
						this.file.path());
			}
			else {
				this.locator.replace(routes);
				logger.info("Routes reloaded from {}: {}", this.file.path(),
						routes.stream().map(RouteDefinition::getId).toList());
			}
			this.failed.set(0);
			this.applied.increment();
		}
		catch (InvalidRoutesException ex) {
			this.failed.set(1);
			this.rejected.increment();
			logger.error("Routes file {} not applied, the last good routes stay in force: {}", this.file.path(),
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Anything else is a fault of ours, not of the edit: worth its stack trace.
			this.failed.set(1);
			this.rejected.increment();
			logger.error("Routes file {} not applied, the last good routes stay in force", this.file.path(), ex);
		}
	}

	/**
	 * The file's content, or null while it cannot be read. One WARN per such spell, and
	 * not for one missed read: some editors delete the file for a moment while saving.
	 */
	private byte[] readOrNull() {
		try {
			byte[] content = this.file.read();
			this.unreadable = 0;
			return content;
		}
		catch (IOException ex) {
			if (++this.unreadable == 2) {
				logger.warn("Routes file {} cannot be read ({}); the routes in force stay", this.file.path(),
						ex.getClass().getSimpleName());
			}
			return null;
		}
	}

}
