package dev.piedge.proxy.token;

import dev.piedge.problem.ProblemException;

import org.springframework.web.server.ServerWebExchange;

/**
 * The answer to a request that carried no credential on a route that requires one: a 401
 * with {@code WWW-Authenticate} for an API call, a way to sign in for a browser's page
 * load. The authentication filter asks this instead of choosing itself.
 */
@FunctionalInterface
public interface CredentialChallenge {

	/**
	 * @param exchange the request that carried no credential
	 * @return the refusal to answer it with
	 */
	ProblemException challenge(ServerWebExchange exchange);

}
