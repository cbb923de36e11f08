package dev.piedge.proxy.upstream;

import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.error.ProxyProblemCode;

import org.springframework.http.HttpStatus;

/**
 * The backend refused or reset the connection, closed it before answering, or could not
 * be resolved or reached. Says nothing about which backend, so the answer leaks no
 * topology.
 */
final class UpstreamUnavailableException extends ProblemException {

	private UpstreamUnavailableException() {
		super(HttpStatus.BAD_GATEWAY, ProxyProblemCode.UPSTREAM_UNAVAILABLE,
				"The service behind this address could not be reached.");
	}

	static UpstreamUnavailableException create() {
		return new UpstreamUnavailableException();
	}

}
