package dev.piedge.sidecar.api;

import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Guards a backend API route with the permission it requires. The authentication filter
 * has already refused callers without a valid credential; this check fails closed all the
 * same, should a route ever be reached without one.
 */
public final class ApiAccess {

	private ApiAccess() {
	}

	/**
	 * A filter for one route: 403 {@code insufficient_permission}, naming
	 * {@code permission}, unless the caller holds it (or a permission that implies it).
	 */
	public static HandlerFilterFunction<ServerResponse, ServerResponse> requires(Permission permission) {
		return (request, next) -> {
			ApiPrincipal principal = ApiPrincipal.of(request.exchange());
			if (principal == null) {
				return Mono.error(MissingApiKeyException.create());
			}
			if (!principal.holds(permission)) {
				return Mono.error(InsufficientPermissionException.missing(permission));
			}
			return next.handle(request);
		};
	}

}
