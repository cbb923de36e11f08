package dev.piedge.sidecar.api;

import reactor.core.publisher.Mono;

/**
 * Turns one kind of bearer credential into an {@link ApiPrincipal}. The authentication
 * filter asks each verifier in turn whether a credential is of its kind (by its shape
 * alone), and the first that accepts it decides.
 */
public interface ApiCredentialVerifier {

	/**
	 * Whether the credential has this verifier's shape, such as a {@code pek_} prefix.
	 */
	boolean accepts(String credential);

	/**
	 * The caller the credential stands for; empty when it is unknown or no longer valid
	 * (answered as {@code invalid_api_key}); an error of the verifier's own when it has a
	 * more precise answer.
	 */
	Mono<ApiPrincipal> verify(String credential);

}
