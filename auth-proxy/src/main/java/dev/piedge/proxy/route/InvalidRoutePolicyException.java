package dev.piedge.proxy.route;

/**
 * A route's pi-edge metadata cannot be understood. Raised at start-up, so a typo never
 * becomes an open route.
 */
public final class InvalidRoutePolicyException extends RuntimeException {

	private InvalidRoutePolicyException(String message) {
		super(message);
	}

	static InvalidRoutePolicyException of(String routeId, String key, String problem) {
		return new InvalidRoutePolicyException("Route '" + routeId + "': metadata '" + key + "' " + problem);
	}

}
