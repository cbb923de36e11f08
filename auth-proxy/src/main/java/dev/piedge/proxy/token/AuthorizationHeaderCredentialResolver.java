package dev.piedge.proxy.token;

import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code Authorization: Bearer <token>}; another scheme is not pi-edge's and counts as
 * none.
 */
@Component
@Order(CredentialResolver.AUTHORIZATION_HEADER_ORDER)
public class AuthorizationHeaderCredentialResolver implements CredentialResolver {

	private final BearerTokenExtractor tokens;

	public AuthorizationHeaderCredentialResolver(BearerTokenExtractor tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<Credential> resolve(ServerWebExchange exchange) {
		return this.tokens.extract(exchange.getRequest().getHeaders())
			.map(token -> Credential.token(token, Credential.Source.AUTHORIZATION_HEADER));
	}

}
