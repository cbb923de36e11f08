package dev.piedge.proxy.route;

import java.util.Set;

/**
 * The pi-edge policy of one gateway route, read from its metadata.
 *
 * @param routeId the gateway route id
 * @param mode {@code pi-auth}
 * @param requiredScopes {@code pi-scopes}: Pi scopes the token must hold
 * @param forwardToken {@code pi-forward-token}: keep {@code Authorization} on the
 * forwarded request
 * @param tokenFromBody {@code pi-token-from-body}: when no {@code Authorization} is sent,
 * read the token from the JSON body's {@code accessToken} (what pi-sdk-js sends with
 * {@code approve})
 * @param piBrowser {@code pi-browser}: make the backend's responses work inside the Pi
 * Browser's cross-site iframe (framing headers, backend cookies); on unless the route
 * says {@code false}
 */
public record RoutePolicy(String routeId, AuthMode mode, Set<String> requiredScopes, boolean forwardToken,
		boolean tokenFromBody, boolean piBrowser) {

	public RoutePolicy {
		requiredScopes = Set.copyOf(requiredScopes);
	}

	/** The policy of a route that declares none: a forgotten policy fails safe. */
	static RoutePolicy defaultFor(String routeId) {
		return new RoutePolicy(routeId, AuthMode.REQUIRED, Set.of(), false, false, true);
	}

}
