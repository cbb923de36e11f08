package dev.piedge.proxy.route;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The configured routes, replaceable while the proxy runs. It takes the place of the
 * gateway's {@link PropertiesRouteDefinitionLocator} (which the gateway only creates when
 * there is none): it starts with the routes of the gateway's properties, checked by every
 * {@link RouteDefinitionValidator} (a failure stops start-up), and {@link #replace} swaps
 * in the routes of an edited routes file and asks the gateway to rebuild its route cache
 * with a {@link RefreshRoutesEvent}. A request already routed keeps the route it matched.
 */
@Component
class LiveRouteDefinitionLocator extends PropertiesRouteDefinitionLocator {

	private final AtomicReference<List<RouteDefinition>> routes;

	private final ApplicationEventPublisher publisher;

	LiveRouteDefinitionLocator(GatewayProperties gateway, RouteDefinitionsCheck check,
			ApplicationEventPublisher publisher) {
		super(gateway);
		gateway.getRoutes().forEach(check::checkMetadata);
		this.routes = new AtomicReference<>(List.copyOf(gateway.getRoutes()));
		this.publisher = publisher;
	}

	@Override
	public Flux<RouteDefinition> getRouteDefinitions() {
		return Flux.defer(() -> Flux.fromIterable(this.routes.get())).filter(RouteDefinition::isEnabled);
	}

	/** The routes in force, as last replaced. */
	List<RouteDefinition> current() {
		return this.routes.get();
	}

	/** Serves {@code checked} from now on; they must have passed every check. */
	void replace(List<RouteDefinition> checked) {
		this.routes.set(List.copyOf(checked));
		this.publisher.publishEvent(new RefreshRoutesEvent(this));
	}

}
