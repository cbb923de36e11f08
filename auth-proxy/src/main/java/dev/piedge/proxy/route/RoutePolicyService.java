package dev.piedge.proxy.route;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Service;

/**
 * Knows the pi-edge policy of every route. As a {@link RouteDefinitionValidator} it
 * checks every route when the proxy starts and every edit of the routes file, so invalid
 * policy never gets served and is reported with the route and the key.
 */
@Service
public class RoutePolicyService implements RouteDefinitionValidator {

	/**
	 * Keyed by the route object itself (weak keys compare by identity): a reloaded route
	 * is a new object, so its policy is read from its own metadata, and the policies of
	 * replaced routes go with them. Upkeep runs on the calling thread: on Caffeine's
	 * default executor it woke a common-pool thread for many requests (issue 16,
	 * {@code perf}).
	 */
	private final LoadingCache<Route, RoutePolicy> policies = Caffeine.newBuilder()
		.executor(Runnable::run)
		.weakKeys()
		.build(route -> RoutePolicyParser.parse(route.getId(), route.getMetadata()));

	@Override
	public void validate(RouteDefinition route) {
		RoutePolicyParser.parse(route.getId(), route.getMetadata());
	}

	/** The policy of a matched route. */
	public RoutePolicy policyFor(Route route) {
		return this.policies.get(route);
	}

}
