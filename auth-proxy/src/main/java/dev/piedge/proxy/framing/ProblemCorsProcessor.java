package dev.piedge.proxy.framing;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;

/**
 * Spring's own CORS processing, with its refusal answered as problem+json
 * ({@code cors_rejected}) like every other refusal of the proxy, instead of an empty 403.
 * Every check (origin, method, headers, credentials) stays Spring's.
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

	/**
	 * Called by every failed check in place of writing the 403 itself. The handler
	 * mapping calls the processor while it maps the request, so the exception reaches the
	 * problem handler as any mapping failure does.
	 */
	@Override
	protected void rejectRequest(ServerHttpResponse response) {
		throw CorsRejectedException.notAllowed();
	}

}
