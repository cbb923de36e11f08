package dev.piedge.proxy.upstream;

import java.util.Map;

import dev.piedge.proxy.route.RouteDefinitionValidator;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.stereotype.Component;

/**
 * Checks the gateway's per-route timeouts when the proxy starts and when the routes file
 * is edited. The gateway reads route metadata {@code connect-timeout} and
 * {@code response-timeout} as milliseconds only when a request arrives: a value written
 * like the global settings ({@code 5s}) would fail every request of the route (connect)
 * or be ignored in silence (response).
 */
@Component
class RouteTimeoutValidator implements RouteDefinitionValidator {

	@Override
	public void validate(RouteDefinition route) {
		check(route.getId(), route.getMetadata());
	}

	private static void check(String routeId, Map<String, Object> metadata) {
		Object connect = metadata.get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR);
		if (connect != null && connectMillis(connect) < 1) {
			throw InvalidRouteTimeoutException.of(routeId, RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connect,
					"a positive whole number of milliseconds, such as 2000");
		}
		Object response = metadata.get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
		if (response != null && !readsAsLong(response)) {
			throw InvalidRouteTimeoutException.of(routeId, RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, response,
					"a whole number of milliseconds, such as 30000 (negative: no response timeout)");
		}
	}

	/** As {@code NettyRoutingFilter} reads it; 0 when it cannot. */
	private static int connectMillis(Object value) {
		try {
			return (value instanceof Integer millis) ? millis : Integer.parseInt(value.toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** As {@code NettyRoutingFilter} reads it. */
	private static boolean readsAsLong(Object value) {
		if (value instanceof Number) {
			return true;
		}
		try {
			Long.parseLong(value.toString());
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
