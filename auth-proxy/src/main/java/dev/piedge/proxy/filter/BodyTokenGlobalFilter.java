package dev.piedge.proxy.filter;

import dev.piedge.proxy.config.PiAuthProperties;
import dev.piedge.proxy.error.BodyTooLargeException;
import dev.piedge.proxy.error.MalformedTokenException;
import dev.piedge.proxy.route.RoutePolicyService;
import dev.piedge.proxy.token.BodyTokenExtractor;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * On routes with {@code pi-token-from-body: true}, reads the access token from the JSON body of a POST
 * (pi-sdk-js's {@code approve}) for {@link PiAuthenticationGlobalFilter} to verify like a header token; an
 * {@code Authorization} header, when sent, wins. The body is always forwarded without {@code accessToken}, so
 * the service behind never sees a token. Bodies are held in memory only up to
 * {@code pi.auth.token-body-limit}; larger ones get a 413.
 */
@Component
class BodyTokenGlobalFilter implements GlobalFilter, Ordered {

	/** Exchange attribute holding the token found in the body, not yet validated or verified. */
	static final String BODY_TOKEN_ATTR = BodyTokenGlobalFilter.class.getName() + ".token";

	private final RoutePolicyService policies;

	private final BodyTokenExtractor extractor;

	private final DataSize limit;

	BodyTokenGlobalFilter(RoutePolicyService policies, BodyTokenExtractor extractor, PiAuthProperties properties) {
		this.policies = policies;
		this.extractor = extractor;
		this.limit = properties.tokenBodyLimit();
	}

	@Override
	public int getOrder() {
		return FilterOrders.BODY_TOKEN_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!applies(exchange)) {
			return chain.filter(exchange);
		}
		if (exchange.getRequest().getHeaders().getContentLength() > this.limit.toBytes()) {
			return Mono.error(BodyTooLargeException.over(this.limit));
		}
		return DataBufferUtils.join(exchange.getRequest().getBody(), (int) this.limit.toBytes())
			.map(BodyTokenGlobalFilter::bytesOf)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, ex -> BodyTooLargeException.over(this.limit))
			.flatMap(body -> {
				BodyTokenExtractor.BodyToken found;
				try {
					found = this.extractor.extract(body);
				}
				catch (MalformedTokenException ex) {
					return Mono.error(ex);
				}
				if (found.token() != null
						&& !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
					exchange.getAttributes().put(BODY_TOKEN_ATTR, found.token());
				}
				return chain.filter(exchange.mutate().request(withBody(exchange, found.forwardedBody())).build());
			});
	}

	private boolean applies(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		ServerHttpRequest request = exchange.getRequest();
		if (route == null || !this.policies.policyFor(route).tokenFromBody()
				|| !HttpMethod.POST.equals(request.getMethod())) {
			return false;
		}
		MediaType type;
		try {
			type = request.getHeaders().getContentType();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// pi-sdk-js sends JSON; some clients leave the type out.
		return type == null || MediaType.APPLICATION_JSON.isCompatibleWith(type);
	}

	private static byte[] bytesOf(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The request with the given body, its length stated up front (it may have come chunked). */
	private static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] body) {
		ServerHttpRequest sized = exchange.getRequest().mutate().headers(headers -> {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(body.length);
		}).build();
		return new ServerHttpRequestDecorator(sized) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}

		};
	}

}
