package dev.piedge.proxy.ratelimit;

import dev.piedge.proxy.filter.FilterOrders;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Turns the gateway's {@code RequestRateLimiter} refusal into a problem+json
 * {@code rate_limited} answer. The gateway is set to throw on a refusal
 * ({@code request-rate-limiter.throw-on-limit}) rather than answer an empty 429; it has
 * already put the limiter's {@code X-RateLimit-*} headers on the response, and its
 * exception carries them with {@code Retry-After}.
 */
@Component
class RateLimitedGlobalFilter implements GlobalFilter, Ordered {

	@Override
	public int getOrder() {
		return FilterOrders.RATE_LIMITED_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange)
			.onErrorMap(HttpClientErrorException.TooManyRequests.class, RateLimitedGlobalFilter::rateLimited);
	}

	private static RateLimitedException rateLimited(HttpClientErrorException.TooManyRequests refusal) {
		HttpHeaders headers = refusal.getResponseHeaders();
		return RateLimitedException.retryAfter((headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null);
	}

}
