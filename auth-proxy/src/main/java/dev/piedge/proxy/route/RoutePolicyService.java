package dev.piedge.proxy.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Service;

/**
 * Knows the pi-edge policy of every route. Every configured route is checked when the
 * proxy starts, so invalid policy stops start-up with a message naming the route and the
 * key.
 */
@Service
public class RoutePolicyService {

	private final Map<String, RoutePolicy> policies = new ConcurrentHashMap<>();

	public RoutePolicyService(GatewayProperties gateway) {
		for (RouteDefinition route : gateway.getRoutes()) {
			this.policies.put(route.getId(), RoutePolicyParser.parse(route.getId(), route.getMetadata()));
		}
	}

	/**
	 * The policy of a matched route; routes defined outside the properties are parsed on
	 * first use.
	 */
	public RoutePolicy policyFor(Route route) {
		return this.policies.computeIfAbsent(route.getId(), id -> RoutePolicyParser.parse(id, route.getMetadata()));
	}

}
