package dev.piedge.proxy.filter;

import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;

/**
 * The order of pi-edge's filters, in one place. Web filters run before route matching, so
 * a path is judged and client identity headers are gone before any route or predicate
 * sees the request.
 */
public final class FilterOrders {

	/** Measures the whole exchange, so it wraps everything. */
	public static final int ACCESS_LOG_ORDER = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * Refuses the methods a proxy must not forward (CONNECT, TRACE), before anything else
	 * looks at the request.
	 */
	public static final int PROXIED_METHOD_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	/**
	 * Watches request bodies, so a client that fails to deliver one is never blamed on a
	 * backend; before any filter can read a body.
	 */
	public static final int INCOMPLETE_REQUEST_BODY_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	/**
	 * Refuses a repeated or malformed Host, which the proxy and a backend could read
	 * differently.
	 */
	public static final int HOST_HEADER_ORDER = Ordered.HIGHEST_PRECEDENCE + 7;

	/** Refuses ambiguous paths before route matching. */
	public static final int PATH_SAFETY_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Strips client-sent identity headers on every request, routed or not. */
	public static final int SPOOFED_HEADER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	/**
	 * Drops the client headers its {@code Connection} header names, before pi-edge adds
	 * any header of its own, so that header can never name one of pi-edge's.
	 */
	public static final int CONNECTION_OPTIONS_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

	/**
	 * Maps a payment callback path to the sidecar's endpoint or refuses it, before its
	 * body is read or Pi is asked. A route filter ({@code PiPaymentPath}) that runs among
	 * the global filters.
	 */
	public static final int PI_PAYMENT_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE + 900;

	/**
	 * Takes the access token out of the JSON body on {@code pi-token-from-body} routes,
	 * just before authentication.
	 */
	public static final int BODY_TOKEN_ORDER = Ordered.HIGHEST_PRECEDENCE + 990;

	/**
	 * Verifies the token and injects identity; after route matching, before any route
	 * filter.
	 */
	public static final int PI_AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/**
	 * Answers a request the gateway's {@code RequestRateLimiter} refused as problem+json.
	 * After authentication (so the limiter, a route filter, runs with the verified uid
	 * known) and outside every route filter, whose order starts at 1.
	 */
	public static final int RATE_LIMITED_ORDER = PI_AUTHENTICATION_ORDER + 10;

	/**
	 * Turns a failed backend hop into 502/504 problems. Inside every other filter, so it
	 * wraps only the gateway's routing filters ({@code WebsocketRoutingFilter},
	 * {@code NettyRoutingFilter}) and sees their failures alone.
	 */
	public static final int UPSTREAM_FAILURE_ORDER = NettyRoutingFilter.ORDER - 10;

	/**
	 * Among the gateway's request header filters (a separate ordering from the filters
	 * above): after the gateway's forwarded-header filters (order 0), so pi-edge's values
	 * are the ones sent, and before its hop-by-hop filter.
	 */
	public static final int FORWARDED_HEADERS_ORDER = 100;

	/**
	 * Among the request header filters: takes pi-edge's session cookie out of the
	 * forwarded {@code Cookie} header.
	 */
	public static final int SESSION_COOKIE_HEADERS_ORDER = 110;

	/**
	 * Among the gateway's response header filters: makes the backend's framing headers
	 * and cookies work in the Pi Browser. The gateway's own (hop-by-hop removal, and gRPC
	 * trailers and observation when enabled) touch none of its headers, so their order
	 * does not matter.
	 */
	public static final int PI_BROWSER_RESPONSE_HEADERS_ORDER = 200;

	private FilterOrders() {
	}

}
