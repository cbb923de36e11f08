package dev.piedge.proxy.upstream;

import java.io.IOException;

import dev.piedge.problem.ProblemException;
import dev.piedge.problem.logging.LogLineRedactor;
import dev.piedge.proxy.filter.FilterOrders;
import dev.piedge.proxy.server.IncompleteRequestBodyWebFilter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Gives a failed backend hop its proper answer. It wraps only the gateway's routing
 * filters, so what it sees failed while connecting to the backend, sending it the request
 * or waiting for its answer:
 * <ul>
 * <li>a connect timeout ({@code ConnectTimeoutException}), the response timeout
 * ({@code NettyRoutingFilter} raises a 504 {@code ResponseStatusException} around the
 * gateway's {@code TimeoutException}), a TLS handshake timeout or a pool acquire timeout
 * become 504 {@code upstream_timeout};</li>
 * <li>a refused connection ({@code ConnectException}), a reset, a close before the answer
 * ({@code PrematureCloseException}) or any other I/O failure become 502
 * {@code upstream_unavailable}.</li>
 * </ul>
 * Each is logged in one WARN line with the route id and the failure, never a stack trace
 * or a query string. A request whose own body failed is the client's doing and is left to
 * {@link IncompleteRequestBodyWebFilter}. The response is not committed yet when these
 * fail; a backend that breaks off mid-body cannot be answered anew, and the gateway
 * closes the client's connection.
 */
@Component
class UpstreamFailureGlobalFilter implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(UpstreamFailureGlobalFilter.class);

	@Override
	public int getOrder() {
		return FilterOrders.UPSTREAM_FAILURE_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorMap(failure -> translate(exchange, failure));
	}

	private static Throwable translate(ServerWebExchange exchange, Throwable failure) {
		if (IncompleteRequestBodyWebFilter.bodyFailed(exchange)) {
			return failure;
		}
		Throwable cause = Exceptions.unwrap(failure);
		ProblemException problem;
		if (isTimeout(cause)) {
			problem = UpstreamTimeoutException.create();
			if (cause instanceof ResponseStatusException && cause.getCause() != null) {
				cause = cause.getCause();
			}
		}
		else if (cause instanceof IOException) {
			problem = UpstreamUnavailableException.create();
		}
		else {
			return failure;
		}
		log.warn("Backend failed: route={} method={} path={} status={} error={}", routeId(exchange),
				exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), problem.status().value(),
				describe(cause));
		return problem;
	}

	/**
	 * {@code ConnectTimeoutException} is a {@code ConnectException}, and TLS's timeout an
	 * {@code IOException}: test first.
	 */
	private static boolean isTimeout(Throwable cause) {
		return (cause instanceof ResponseStatusException status
				&& status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())
				|| cause instanceof org.springframework.cloud.gateway.support.TimeoutException
				|| cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException
				|| cause instanceof java.util.concurrent.TimeoutException;
	}

	private static String routeId(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "-";
	}

	/**
	 * Class and message on one line, without any query string or credential the message
	 * might quote.
	 */
	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		if (message == null) {
			return cause.getClass().getName();
		}
		return cause.getClass().getName() + ": " + LogLineRedactor.redact(message.replaceAll("[\\r\\n]+", " "));
	}

}
