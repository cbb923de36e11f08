package dev.piedge.proxy.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.piedge.problem.ProblemException;
import dev.piedge.proxy.FakePiClient;
import dev.piedge.proxy.assertion.IdentityAssertionService;
import dev.piedge.proxy.token.PiAuthProperties;
import dev.piedge.proxy.token.IdentityProviderUnavailableException;
import dev.piedge.proxy.token.InsufficientScopeException;
import dev.piedge.proxy.token.InvalidTokenException;
import dev.piedge.proxy.token.MissingTokenException;
import dev.piedge.proxy.route.RoutePolicyService;
import dev.piedge.proxy.token.AuthorizationHeaderCredentialResolver;
import dev.piedge.proxy.token.BearerTokenExtractor;
import dev.piedge.proxy.token.Credential;
import dev.piedge.proxy.token.CredentialResolver;
import dev.piedge.proxy.token.IdentityService;
import dev.piedge.proxy.token.VerifiedIdentity;
import dev.piedge.test.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * {@link PiAuthenticationGlobalFilter} on a mock exchange with a mocked chain, in front
 * of the real {@link IdentityService} and a Pi that answers when the test says so.
 */
class PiAuthenticationGlobalFilterTests {

	private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final FakePiClient pi = new FakePiClient();

	private final MutableClock clock = new MutableClock(START);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final GatewayFilterChain chain = mock(GatewayFilterChain.class);

	private final ArgumentCaptor<ServerWebExchange> forwarded = ArgumentCaptor.forClass(ServerWebExchange.class);

	@BeforeEach
	void chainAnswersAtOnce() {
		given(this.chain.filter(this.forwarded.capture())).willReturn(Mono.empty());
	}

	@Test
	void forwardsTheVerifiedIdentityOnceAndOnlyOncePiHasAnswered() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("orders", Map.of()), "Bearer alice-token");

		StepVerifier.create(filter.filter(exchange, this.chain)).then(() -> {
			then(this.chain).should(never()).filter(any());
			this.pi.answer("alice-token", "uid-alice", "alice", List.of("username"), START.plusSeconds(3600));
		}).expectComplete().verify(WAIT);

		then(this.chain).should().filter(any());
		ServerHttpRequest request = this.forwarded.getValue().getRequest();
		assertThat(request.getHeaders().get("X-Pi-Uid")).containsExactly("uid-alice");
		assertThat(request.getHeaders().get("X-Pi-Username")).containsExactly("alice");
		assertThat(request.getHeaders().getFirst("X-Pi-Identity")).isNotBlank();
		assertThat(request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertThat(this.forwarded.getValue()
			.<VerifiedIdentity>getAttribute(PiAuthenticationGlobalFilter.IDENTITY_ATTR)
			.uid()).isEqualTo("uid-alice");
		assertThat(decisions("orders", "verified")).isEqualTo(1);
	}

	@Test
	void refusesARequestWithoutATokenOnARequiredRouteWithoutAskingPi() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);

		StepVerifier.create(filter.filter(exchange(route("orders", Map.of()), null), this.chain))
			.expectError(MissingTokenException.class)
			.verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(decisions("orders", "missing_token")).isEqualTo(1);
	}

	@Test
	void refusesAnExchangeWithoutAMatchedRoute() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("http://localhost/orders").header("Authorization", "Bearer alice-token"));

		StepVerifier.create(filter.filter(exchange, this.chain)).expectError(MissingTokenException.class).verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(this.pi.calls("alice-token")).isZero();
	}

	@Test
	void forwardsAnAnonymousRequestOnAnOptionalRouteUntouched() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("optional", Map.of("pi-auth", "optional")), null);

		StepVerifier.create(filter.filter(exchange, this.chain)).expectComplete().verify(WAIT);

		assertThat(this.forwarded.getValue()).isSameAs(exchange);
		assertThat(decisions("optional", "anonymous")).isEqualTo(1);
	}

	@Test
	void refusesATokenPiRejectsEvenOnAnOptionalRoute() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("optional", Map.of("pi-auth", "optional")), "Bearer old-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.reject("old-token"))
			.expectError(InvalidTokenException.class)
			.verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(decisions("optional", "invalid_token")).isEqualTo(1);
	}

	@Test
	void dropsAuthorizationOnAPublicRouteWithoutAskingPi() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("public", Map.of("pi-auth", "public")), "Bearer alice-token");

		StepVerifier.create(filter.filter(exchange, this.chain)).expectComplete().verify(WAIT);

		HttpHeaders headers = this.forwarded.getValue().getRequest().getHeaders();
		assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertThat(headers.containsHeader("X-Pi-Uid")).isFalse();
		assertThat(this.pi.calls("alice-token")).isZero();
		assertThat(decisions("public", "public")).isEqualTo(1);
	}

	@Test
	void keepsAuthorizationOnARouteThatForwardsIt() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("forward", Map.of("pi-forward-token", true)), "Bearer bob-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.answer("bob-token", "uid-bob", null, List.of(), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		HttpHeaders headers = this.forwarded.getValue().getRequest().getHeaders();
		assertThat(headers.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer bob-token");
		assertThat(headers.get("X-Pi-Uid")).containsExactly("uid-bob");
		assertThat(headers.containsHeader("X-Pi-Username")).isFalse();
	}

	@Test
	void refusesATokenWithoutEveryScopeTheRouteRequires() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("staff", Map.of("pi-scopes", List.of("payments", "roles"))),
				"Bearer payer-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.answer("payer-token", "uid-payer", "payer", List.of("payments"),
					START.plusSeconds(3600)))
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(InsufficientScopeException.class,
					refusal -> assertThat(refusal.missingScopes()).containsExactly("roles")))
			.verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(decisions("staff", "insufficient_scope")).isEqualTo(1);
	}

	@Test
	void verifiesTheTokenTheBodyCarriedWhenNoHeaderIsSent() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(
				route("pi-payments", Map.of("pi-auth", "optional", "pi-token-from-body", true)), null);
		exchange.getAttributes().put(BodyTokenGlobalFilter.BODY_TOKEN_ATTR, "body-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.answer("body-token", "uid-body", "bo", List.of("payments"), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-body");
	}

	@Test
	void neverForwardsWhenPiCannotAnswer() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("orders", Map.of()), "Bearer outage-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.fail("outage-token"))
			.expectError(IdentityProviderUnavailableException.class)
			.verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(decisions("orders", "identity_provider_unavailable")).isEqualTo(1);
	}

	@Test
	void forwardsFromTheCacheWithoutWaitingForARefreshAhead() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		Route orders = route("orders", Map.of());
		StepVerifier.create(filter.filter(exchange(orders, "Bearer hot-token"), this.chain))
			.then(() -> this.pi.answer("hot-token", "uid-hot", "hot", List.of(), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		this.clock.advance(Duration.ofSeconds(25));
		StepVerifier.create(filter.filter(exchange(orders, "Bearer hot-token"), this.chain))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.pi.pending("hot-token")).as("the refresh, still unanswered").isEqualTo(1);
		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-hot");
		assertThat(decisions("orders", "verified")).isEqualTo(2);
	}

	@Test
	void forwardsAnIdentityVerifiedEarlierWhilePiIsDown() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ofMinutes(5));
		Route orders = route("orders", Map.of());
		StepVerifier.create(filter.filter(exchange(orders, "Bearer stale-token"), this.chain))
			.then(() -> this.pi.answer("stale-token", "uid-stale", "sam", List.of(), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		this.clock.advance(Duration.ofSeconds(31));
		StepVerifier.create(filter.filter(exchange(orders, "Bearer stale-token"), this.chain))
			.then(() -> this.pi.fail("stale-token"))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.forwarded.getAllValues()).hasSize(2);
		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-stale");
	}

	@Test
	void takesTheTokenFromTheBodyWhenNoHeaderCarriesOne() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("payments", Map.of("pi-auth", "optional")), null);
		exchange.getAttributes().put(BodyTokenGlobalFilter.BODY_TOKEN_ATTR, "body-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.answer("body-token", "uid-body", null, List.of("payments"), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-body");
	}

	@Test
	void theHeaderWinsOverTheBody() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("payments", Map.of("pi-auth", "optional")), "Bearer header-token");
		exchange.getAttributes().put(BodyTokenGlobalFilter.BODY_TOKEN_ATTR, "body-token");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.then(() -> this.pi.answer("header-token", "uid-header", null, List.of(), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-header");
		assertThat(this.pi.calls("body-token")).isZero();
	}

	@Test
	void anyResolverAddedToTheChainIsAskedInTurnWithNoChangeToTheFilter() {
		CredentialResolver another = exchange -> Optional
			.of(Credential.token("cookie-token", Credential.Source.PAYMENT_BODY));
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO, another);

		StepVerifier.create(filter.filter(exchange(route("orders", Map.of()), null), this.chain))
			.then(() -> this.pi.answer("cookie-token", "uid-cookie", null, List.of(), START.plusSeconds(3600)))
			.expectComplete()
			.verify(WAIT);

		assertThat(this.forwarded.getValue().getRequest().getHeaders().get("X-Pi-Uid")).containsExactly("uid-cookie");
		assertThat(decisions("orders", "verified")).isEqualTo(1);
	}

	@Test
	void aMalformedTokenInAnySourceIsARefusalCountedByItsCode() {
		PiAuthenticationGlobalFilter filter = filter(Duration.ZERO);
		ServerWebExchange exchange = exchange(route("payments", Map.of("pi-auth", "optional")), null);
		exchange.getAttributes().put(BodyTokenGlobalFilter.BODY_TOKEN_ATTR, "has space");

		StepVerifier.create(filter.filter(exchange, this.chain))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ProblemException.class)
				.extracting(ex -> ((ProblemException) ex).code())
				.isEqualTo("malformed_token"))
			.verify(WAIT);

		then(this.chain).should(never()).filter(any());
		assertThat(decisions("payments", "malformed_token")).isEqualTo(1);
	}

	private PiAuthenticationGlobalFilter filter(Duration staleIfError, CredentialResolver... extraResolvers) {
		PiAuthProperties properties = new PiAuthProperties(Duration.ofSeconds(10), staleIfError, 4096,
				Duration.ofSeconds(1), DataSize.ofKilobytes(16),
				new PiAuthProperties.Cache(Duration.ofSeconds(30), Duration.ofSeconds(5), 1000, true),
				new PiAuthProperties.Assertion(true, Duration.ofSeconds(60), null, null, "pi-edge"));
		IdentityService identities = new IdentityService(this.pi.client(), properties, this.clock, this.registry);
		IdentityAssertionService assertions;
		try {
			assertions = new IdentityAssertionService(new ECKeyGenerator(Curve.P_256).keyID("test").generate(),
					properties, this.clock);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		BearerTokenExtractor tokens = new BearerTokenExtractor(properties);
		List<CredentialResolver> resolvers = new ArrayList<>(
				List.of(new AuthorizationHeaderCredentialResolver(tokens), new PaymentBodyCredentialResolver(tokens)));
		resolvers.addAll(List.of(extraResolvers));
		return new PiAuthenticationGlobalFilter(new RoutePolicyService(), resolvers,
				exchange -> MissingTokenException.create(), identities, assertions, this.registry);
	}

	private static Route route(String id, Map<String, Object> metadata) {
		return Route.async().id(id).uri("http://backend.test").predicate(exchange -> true).metadata(metadata).build();
	}

	/** A GET the gateway has matched to {@code route}, with this Authorization if any. */
	private static ServerWebExchange exchange(Route route, String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("http://localhost/orders");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
		return exchange;
	}

	private double decisions(String route, String outcome) {
		Counter counter = this.registry.find("pi.edge.route.decisions")
			.tag("route", route)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
