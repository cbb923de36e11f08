package dev.piedge.proxy.token;

import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;

/**
 * One place a request can carry a Pi access token. The authentication filter asks every
 * resolver in their {@link org.springframework.core.annotation.Order order} and takes the
 * first credential found, so adding a source (a session cookie, say) is adding a
 * resolver, not a branch in the filter. Lower orders win: the {@code Authorization}
 * header comes first.
 */
public interface CredentialResolver {

	/** The order of the {@code Authorization: Bearer} resolver. */
	int AUTHORIZATION_HEADER_ORDER = 100;

	/** The order of the payment callback body's {@code accessToken}. */
	int PAYMENT_BODY_ORDER = 200;

	/** The order of pi-edge's session cookie: any token the request carries wins. */
	int SESSION_COOKIE_ORDER = 300;

	/**
	 * The credential this source holds, or empty when it holds none.
	 * @param exchange the request, after pi-edge's web filters and route matching
	 * @return the credential, its token already checked for shape
	 * @throws dev.piedge.problem.ProblemException when the source holds a malformed token
	 */
	Optional<Credential> resolve(ServerWebExchange exchange);

}
