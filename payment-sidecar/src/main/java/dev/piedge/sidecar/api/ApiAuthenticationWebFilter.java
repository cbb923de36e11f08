package dev.piedge.sidecar.api;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Authenticates every request to the backend API ({@code /pi-edge/api/**}) before it is
 * routed: a missing credential is 401 {@code missing_api_key}; the first
 * {@link ApiCredentialVerifier} that accepts the credential's shape verifies it, and one
 * it does not confirm is 401 {@code invalid_api_key}. The caller found is kept as the
 * exchange's {@link ApiPrincipal}. Unknown API paths are refused the same way, so they
 * reveal nothing to an unauthenticated caller. The credential is never logged.
 */
@Component
class ApiAuthenticationWebFilter implements WebFilter, Ordered {

	/** Runs before {@code IdempotencyWebFilter}, which keeps its records per caller. */
	public static final int ORDER = 100;

	private static final String SCHEME = "bearer";

	/** Far above any key or platform token; longer credentials are refused unread. */
	private static final int MAX_CREDENTIAL_LENGTH = 8192;

	private final List<ApiCredentialVerifier> verifiers;

	ApiAuthenticationWebFilter(List<ApiCredentialVerifier> verifiers) {
		this.verifiers = verifiers;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!ApiPaths.isApi(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		return bearerCredential(exchange.getRequest().getHeaders()).flatMap(this::verify).flatMap(principal -> {
			exchange.getAttributes().put(ApiPrincipal.ATTRIBUTE, principal);
			return chain.filter(exchange);
		});
	}

	private Mono<ApiPrincipal> verify(String credential) {
		for (ApiCredentialVerifier verifier : this.verifiers) {
			if (verifier.accepts(credential)) {
				return verifier.verify(credential).switchIfEmpty(Mono.error(InvalidApiKeyException::create));
			}
		}
		return Mono.error(InvalidApiKeyException.create());
	}

	private static Mono<String> bearerCredential(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.AUTHORIZATION);
		if (values == null || values.isEmpty()) {
			return Mono.error(MissingApiKeyException.create());
		}
		if (values.size() > 1) {
			return Mono.error(InvalidApiKeyException
				.malformedHeader("Send one Authorization header, not " + values.size() + "."));
		}
		String value = values.get(0);
		if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| value.charAt(SCHEME.length()) != ' ' || value.substring(SCHEME.length()).isBlank()) {
			// Another scheme (Basic, the proxy's Key) carries no credential of ours.
			return Mono.error(MissingApiKeyException.create());
		}
		String credential = value.substring(SCHEME.length()).strip();
		if (credential.length() > MAX_CREDENTIAL_LENGTH) {
			return Mono.error(InvalidApiKeyException.malformedHeader("The credential is too long."));
		}
		return Mono.just(credential);
	}

}
