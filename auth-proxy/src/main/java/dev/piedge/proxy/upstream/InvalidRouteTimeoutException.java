package dev.piedge.proxy.upstream;

/**
 * A route's {@code connect-timeout} or {@code response-timeout} metadata is not a number
 * of milliseconds. Raised at start-up, so a route never runs with a timeout other than
 * the one written.
 */
final class InvalidRouteTimeoutException extends RuntimeException {

	private InvalidRouteTimeoutException(String message) {
		super(message);
	}

	static InvalidRouteTimeoutException of(String routeId, String key, Object value, String expected) {
		return new InvalidRouteTimeoutException(
				"Route '" + routeId + "': metadata '" + key + "' is '" + value + "'; it must be " + expected);
	}

}
