package dev.piedge.proxy.server;

import dev.piedge.proxy.filter.FilterOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells a client that failed to deliver its request body apart from everything else. When
 * the body stops (read timeout), trickles past the request timeout, or the client goes
 * away mid-body, whichever filter was reading it fails; this filter turns that failure
 * into a 408 {@code incomplete_request_body} (the connection is being closed, so it shows
 * mostly in the access log) instead of a 5xx with an ERROR stack trace, and
 * {@link #bodyFailed} lets the backend hop see that the failure is not the backend's.
 */
@Component
public class IncompleteRequestBodyWebFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(IncompleteRequestBodyWebFilter.class);

	/**
	 * Body chunks requested at a time. Bounded on purpose: when a reader asks for
	 * everything at once (as {@code DataBufferUtils.join} does), Reactor Netty 1.3 hands
	 * the body's error to that reader and then, as the exchange ends, hands it over a
	 * second time; the second is dropped and logged at ERROR. With bounded demand it
	 * delivers the error once.
	 */
	private static final int BODY_PREFETCH = 32;

	private static final String BODY_FAILURE_ATTR = IncompleteRequestBodyWebFilter.class.getName() + ".failure";

	/**
	 * True once this exchange's request body has failed: the client, not the backend,
	 * broke the exchange.
	 */
	public static boolean bodyFailed(ServerWebExchange exchange) {
		return exchange.getAttributes().containsKey(BODY_FAILURE_ATTR);
	}

	@Override
	public int getOrder() {
		return FilterOrders.INCOMPLETE_REQUEST_BODY_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!declaresBody(request.getHeaders())) {
			return chain.filter(exchange);
		}
		ServerHttpRequest watched = new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnError(failure -> exchange.getAttributes().put(BODY_FAILURE_ATTR, failure))
					.limitRate(BODY_PREFETCH);
			}

		};
		return chain.filter(exchange.mutate().request(watched).build())
			.onErrorMap(failure -> bodyFailed(exchange), failure -> {
				Throwable cause = exchange.getAttribute(BODY_FAILURE_ATTR);
				log.debug("Request body of {} {} did not arrive: {}", request.getMethod(), request.getPath().value(),
						(cause != null) ? cause.getClass().getName() : "-");
				return IncompleteRequestBodyException.create();
			});
	}

	/**
	 * Whether the request has a body: HTTP/1.1 frames one only with a
	 * {@code Transfer-Encoding} or a {@code Content-Length} (RFC 9112, 6.3); without them
	 * there is none.
	 */
	public static boolean declaresBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

}
