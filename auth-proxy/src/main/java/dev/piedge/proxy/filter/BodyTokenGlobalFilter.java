package dev.piedge.proxy.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.token.PiAuthProperties;
import dev.piedge.proxy.route.RoutePolicyService;
import dev.piedge.proxy.server.IncompleteRequestBodyWebFilter;
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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * On routes with {@code pi-token-from-body: true}, makes sure no request body reaches the
 * service behind with an access token in it, and reads pi-sdk-js's token (the top-level
 * {@code accessToken} of {@code approve}) for {@link PiAuthenticationGlobalFilter} to
 * verify like a header token; an {@code Authorization} header, when sent, wins.
 * <p>
 * Every body, whatever the method, must be one JSON object ({@code application/json} or a
 * {@code +json} type, UTF-8, or no {@code Content-Type}) with no
 * {@code Content-Encoding}. It is forwarded written anew, without {@code accessToken} and
 * with its new {@code Content-Length}. Any other body is refused (415 for the type or
 * coding, 400 when it is not one JSON object) rather than forwarded as it came. A request
 * without a body passes untouched. Bodies are held in memory only up to
 * {@code pi.auth.token-body-limit}; larger ones get a 413.
 */
@Component
class BodyTokenGlobalFilter implements GlobalFilter, Ordered {

	/**
	 * Exchange attribute holding the token found in the body, not yet validated or
	 * verified.
	 */
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
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!tokenFromBody(exchange) || !IncompleteRequestBodyWebFilter.declaresBody(headers)) {
			return chain.filter(exchange);
		}
		ProblemException refusal = unreadable(headers);
		if (refusal != null) {
			return Mono.error(refusal);
		}
		if (headers.getContentLength() > this.limit.toBytes()) {
			return Mono.error(BodyTooLargeException.over(this.limit));
		}
		return DataBufferUtils.join(exchange.getRequest().getBody(), (int) this.limit.toBytes())
			.map(BodyTokenGlobalFilter::bytesOf)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, ex -> BodyTooLargeException.over(this.limit))
			.flatMap(body -> forward(exchange, chain, body));
	}

	private boolean tokenFromBody(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return route != null && this.policies.policyFor(route).tokenFromBody();
	}

	/**
	 * Why the proxy cannot read this body as JSON, from its headers alone; null when it
	 * can.
	 */
	private static ProblemException unreadable(HttpHeaders headers) {
		List<String> codings = headers.getValuesAsList(HttpHeaders.CONTENT_ENCODING);
		if (codings.stream().anyMatch(coding -> !coding.equalsIgnoreCase("identity"))) {
			// The sidecar might decode what the proxy cannot read, and a coding cannot be
			// told from a lie about one.
			return UnsupportedMediaTypeException.encoded();
		}
		List<String> types = headers.get(HttpHeaders.CONTENT_TYPE);
		if (types == null || types.isEmpty()) {
			// pi-sdk-js sends application/json; some clients leave the type out, and JSON
			// is the only reading.
			return null;
		}
		return (types.size() == 1 && isUtf8Json(types.get(0))) ? null : UnsupportedMediaTypeException.notJson();
	}

	/**
	 * {@code application/json} or {@code application/*+json} (RFC 6839), with no charset
	 * or UTF-8.
	 */
	private static boolean isUtf8Json(String value) {
		MediaType type;
		try {
			type = MediaType.parseMediaType(value);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return type.getType().equals("application")
				&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
				&& (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
	}

	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
		if (body.length == 0) {
			return chain.filter(exchange.mutate().request(withBody(exchange, body)).build());
		}
		BodyTokenExtractor.BodyToken found;
		try {
			found = this.extractor.extract(body);
		}
		catch (ProblemException ex) {
			return Mono.error(ex);
		}
		if (found.token() != null && !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			exchange.getAttributes().put(BODY_TOKEN_ATTR, found.token());
		}
		return chain.filter(exchange.mutate().request(withBody(exchange, found.forwardedBody())).build());
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

	/**
	 * The request with the given body, its length stated up front (it may have come
	 * chunked).
	 */
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
