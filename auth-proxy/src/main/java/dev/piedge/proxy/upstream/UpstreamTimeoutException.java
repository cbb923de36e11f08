package dev.piedge.proxy.upstream;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The backend did not accept the connection within the connect timeout, or did not start
 * its answer within the response timeout (the route's own, or the global one).
 */
final class UpstreamTimeoutException extends ProblemException {

	private UpstreamTimeoutException() {
		super(HttpStatus.GATEWAY_TIMEOUT, ProxyProblemCode.UPSTREAM_TIMEOUT,
				"The service behind this address did not answer in time.");
	}

	static UpstreamTimeoutException create() {
		return new UpstreamTimeoutException();
	}

}
