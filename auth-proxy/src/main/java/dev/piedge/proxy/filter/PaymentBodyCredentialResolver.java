package dev.piedge.proxy.filter;

import java.util.Optional;

import dev.piedge.proxy.token.BearerTokenExtractor;
import dev.piedge.proxy.token.Credential;
import dev.piedge.proxy.token.CredentialResolver;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code accessToken} that {@link BodyTokenGlobalFilter} took out of a payment
 * callback's body (pi-sdk-js's {@code approve}), on {@code pi-token-from-body} routes.
 */
@Component
@Order(CredentialResolver.PAYMENT_BODY_ORDER)
class PaymentBodyCredentialResolver implements CredentialResolver {

	private final BearerTokenExtractor tokens;

	PaymentBodyCredentialResolver(BearerTokenExtractor tokens) {
		this.tokens = tokens;
	}

	@Override
	public Optional<Credential> resolve(ServerWebExchange exchange) {
		String token = exchange.getAttribute(BodyTokenGlobalFilter.BODY_TOKEN_ATTR);
		return (token != null)
				? Optional.of(Credential.token(this.tokens.validated(token), Credential.Source.PAYMENT_BODY))
				: Optional.empty();
	}

}
