package dev.piedge.proxy.upstream;

import dev.piedge.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The backend refused or reset the connection, closed it before answering, or could not
 * be resolved or reached. Says nothing about which backend, so the answer leaks no
 * topology.
 */
final class UpstreamUnavailableException extends ProblemException {

	private UpstreamUnavailableException() {
		super(HttpStatus.BAD_GATEWAY, "upstream_unavailable", "The service behind this address could not be reached.");
	}

	static UpstreamUnavailableException create() {
		return new UpstreamUnavailableException();
	}

}
