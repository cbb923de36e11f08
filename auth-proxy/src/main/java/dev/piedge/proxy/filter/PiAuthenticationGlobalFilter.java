package dev.piedge.proxy.filter;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.piedge.proxy.assertion.IdentityAssertionService;
import dev.piedge.proxy.token.InsufficientScopeException;
import dev.piedge.proxy.token.MissingTokenException;
import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.route.AuthMode;
import dev.piedge.proxy.route.RoutePolicy;
import dev.piedge.proxy.route.RoutePolicyService;
import dev.piedge.proxy.token.BearerTokenExtractor;
import dev.piedge.proxy.token.IdentityService;
import dev.piedge.proxy.token.VerifiedIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Applies the matched route's pi-edge policy: verifies the bearer token with Pi, checks
 * scopes, and forwards the request with {@code X-Pi-Uid}, {@code X-Pi-Username} and the
 * signed {@code X-Pi-Identity} (which also carries the scopes). A refused request never
 * reaches the backend. The token comes from {@code Authorization: Bearer}, or on
 * {@code pi-token-from-body} routes from the JSON body ({@link BodyTokenGlobalFilter}).
 */
@Component
class PiAuthenticationGlobalFilter implements GlobalFilter, Ordered {

	/**
	 * Exchange attribute holding the {@link VerifiedIdentity} of a forwarded request, for
	 * logging.
	 */
	static final String IDENTITY_ATTR = PiAuthenticationGlobalFilter.class.getName() + ".identity";

	static final String UID_HEADER = "X-Pi-Uid";

	static final String USERNAME_HEADER = "X-Pi-Username";

	static final String IDENTITY_HEADER = "X-Pi-Identity";

	private final RoutePolicyService policies;

	private final BearerTokenExtractor tokens;

	private final IdentityService identities;

	private final IdentityAssertionService assertions;

	private final MeterRegistry registry;

	/**
	 * Counters by route and outcome, looked up once: both sets are small and fixed by
	 * configuration.
	 */
	private final Map<RouteOutcome, Counter> decisions = new ConcurrentHashMap<>();

	PiAuthenticationGlobalFilter(RoutePolicyService policies, BearerTokenExtractor tokens, IdentityService identities,
			IdentityAssertionService assertions, MeterRegistry registry) {
		this.policies = policies;
		this.tokens = tokens;
		this.identities = identities;
		this.assertions = assertions;
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		return FilterOrders.PI_AUTHENTICATION_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return Mono.error(MissingTokenException.create());
		}
		RoutePolicy policy = this.policies.policyFor(route);
		// Decide first, then run the rest of the chain exactly once: chain.filter
		// completes empty, so it must
		// never sit upstream of a switchIfEmpty.
		return decide(exchange, policy).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume(ProblemException.class, ex -> {
				decision(policy, ex.code());
				return Mono.error(ex);
			})
			.flatMap(identity -> {
				decision(policy, identity.isPresent() ? "verified"
						: (policy.mode() == AuthMode.PUBLIC) ? "public" : "anonymous");
				return chain.filter(forward(exchange, policy, identity.orElse(null)));
			});
	}

	/** The verified identity, empty for an anonymous or public request, or a refusal. */
	private Mono<VerifiedIdentity> decide(ServerWebExchange exchange, RoutePolicy policy) {
		if (policy.mode() == AuthMode.PUBLIC) {
			return Mono.empty();
		}
		Optional<String> token;
		try {
			token = this.tokens.extract(exchange.getRequest().getHeaders());
			String fromBody = exchange.getAttribute(BodyTokenGlobalFilter.BODY_TOKEN_ATTR);
			if (token.isEmpty() && fromBody != null) {
				token = Optional.of(this.tokens.validated(fromBody));
			}
		}
		catch (ProblemException ex) {
			return Mono.error(ex);
		}
		if (token.isEmpty()) {
			return (policy.mode() == AuthMode.REQUIRED) ? Mono.error(MissingTokenException.create()) : Mono.empty();
		}
		return this.identities.verify(token.get()).flatMap(identity -> checkScopes(policy, identity));
	}

	private static Mono<VerifiedIdentity> checkScopes(RoutePolicy policy, VerifiedIdentity identity) {
		if (identity.scopes().containsAll(policy.requiredScopes())) {
			return Mono.just(identity);
		}
		Set<String> missing = new HashSet<>(policy.requiredScopes());
		missing.removeAll(identity.scopes());
		return Mono.error(InsufficientScopeException.missing(missing));
	}

	private ServerWebExchange forward(ServerWebExchange exchange, RoutePolicy policy, VerifiedIdentity identity) {
		if (identity != null) {
			exchange.getAttributes().put(IDENTITY_ATTR, identity);
		}
		else if (policy.forwardToken()
				|| !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			// Nothing to add or remove: a mutated request would copy every header for
			// nothing.
			return exchange;
		}
		return exchange.mutate().request(request -> request.headers(headers -> {
			if (!policy.forwardToken()) {
				headers.remove(HttpHeaders.AUTHORIZATION);
			}
			if (identity != null) {
				headers.set(UID_HEADER, identity.uid());
				if (identity.username() != null) {
					headers.set(USERNAME_HEADER, identity.username());
				}
				if (this.assertions.enabled()) {
					headers.set(IDENTITY_HEADER, this.assertions.assertionFor(identity, policy.routeId()));
				}
			}
		})).build();
	}

	private void decision(RoutePolicy policy, String outcome) {
		this.decisions
			.computeIfAbsent(new RouteOutcome(policy.routeId(), outcome),
					key -> this.registry.counter("pi.edge.route.decisions", "route", key.routeId(), "outcome",
							key.outcome()))
			.increment();
	}

	private record RouteOutcome(String routeId, String outcome) {
	}

}
