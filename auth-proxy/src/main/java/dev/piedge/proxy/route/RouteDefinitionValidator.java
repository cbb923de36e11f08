package dev.piedge.proxy.route;

import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Checks the pi-edge metadata of one route definition. Every bean of this type runs on
 * the configured routes when the proxy starts and on every edit of the routes file before
 * it is applied, so a check written once holds in both places.
 */
public interface RouteDefinitionValidator {

	/**
	 * Checks a route definition.
	 * @param route the definition as bound from configuration
	 * @throws RuntimeException with a message naming the route id and the metadata key
	 * when the route must not be served
	 */
	void validate(RouteDefinition route);

}
