package dev.piedge.proxy.route;

/**
 * An edit of the routes file cannot be applied: it does not parse, a route does not bind
 * or fails validation. The message names the route and the key, in one line.
 */
final class InvalidRoutesException extends RuntimeException {

	private InvalidRoutesException(String message) {
		super(message, null, false, false);
	}

	static InvalidRoutesException unparsable(int line, int column, String problem) {
		return new InvalidRoutesException("line " + line + ", column " + column + ": " + oneLine(problem));
	}

	static InvalidRoutesException unparsable(String problem) {
		return new InvalidRoutesException("YAML does not parse: " + oneLine(problem));
	}

	static InvalidRoutesException invalid(String routeId, String key, String problem) {
		return new InvalidRoutesException("Route '" + routeId + "': " + key + " " + oneLine(problem));
	}

	static InvalidRoutesException invalid(String problem) {
		return new InvalidRoutesException(oneLine(problem));
	}

	private static String oneLine(String text) {
		return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
	}

}
