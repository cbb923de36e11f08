package dev.piedge.sidecar.api;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Where the backend API lives on the sidecar's own port. Requests are matched the way the
 * router matches them (each segment percent-decoded, matrix variables ignored), so
 * {@code /pi-edge/%61pi/…} or {@code /pi-edge;x=1/api/…} cannot reach an API route
 * without passing the API's filters.
 */
public final class ApiPaths {

	/** The prefix of every backend API endpoint. */
	public static final String PREFIX = "/pi-edge/api";

	private static final PathPattern API = PathPatternParser.defaultInstance.parse(PREFIX + "/**");

	private ApiPaths() {
	}

	/** Whether the request is for the backend API. */
	public static boolean isApi(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		return API.matches(path);
	}

}
