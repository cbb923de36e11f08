package dev.piedge.sidecar.checkout;

import java.net.URI;

import dev.piedge.sidecar.api.ApiAccess;
import dev.piedge.sidecar.api.ApiPaths;
import dev.piedge.sidecar.api.ApiPrincipal;
import dev.piedge.sidecar.api.Permission;
import dev.piedge.sidecar.idempotency.IdempotencyKeys;
import dev.piedge.sidecar.identity.Caller;
import dev.piedge.sidecar.identity.CallerIdentityService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Checkout's endpoints. For the buyer, through the proxy (which signs them in first): the
 * link {@code GET /pi-edge/checkout?product=&quantity=&success_url=&cancel_url=} (303 to
 * the new session's page) and the page {@code GET /pi-edge/checkout/{id}}. For the shop's
 * backend, on the sidecar's own port: {@code POST
 * /pi-edge/api/checkout/sessions} (201, {@code Idempotency-Key} required,
 * {@code checkout:write}) and {@code GET …/sessions/{id}} ({@code checkout:read}).
 */
@Configuration(proxyBeanMethods = false)
class CheckoutRoutes {

	static final String LINK = "/pi-edge/checkout";

	/**
	 * The proxy route that leads to the link and the page (its id is the identity
	 * assertion's {@code aud}).
	 */
	static final String AUDIENCE = "checkout";

	private static final String SESSIONS = ApiPaths.PREFIX + "/checkout/sessions";

	@Bean
	RouterFunction<ServerResponse> checkoutPageRouter(CheckoutService checkout, CheckoutPage page,
			CallerIdentityService identities) {
		return RouterFunctions.route()
			.GET(LINK,
					request -> buyer(identities, request)
						.flatMap(buyer -> checkout.create(CheckoutService.LINK_OWNER,
								CheckoutRequest.link(request.queryParam("product").orElse(null),
										request.queryParam("quantity").orElse(null), buyer.uid(),
										request.queryParam("success_url").orElse(null),
										request.queryParam("cancel_url").orElse(null))))
						.flatMap(
								session -> ServerResponse.seeOther(URI.create(CheckoutViews.PAGE_PREFIX + session.id()))
									.cacheControl(CacheControl.noStore())
									.build()))
			.GET(LINK + "/{id}",
					request -> buyer(identities, request)
						.flatMap(buyer -> checkout.open(request.pathVariable("id"), buyer.uid()))
						.flatMap(page::render))
			.build();
	}

	@Bean
	RouterFunction<ServerResponse> checkoutWriteRouter(CheckoutService checkout) {
		return RouterFunctions.route()
			.POST(SESSIONS,
					IdempotencyKeys.required(request -> request.bodyToMono(String.class)
						.switchIfEmpty(Mono.error(() -> CheckoutException.invalid("A JSON body is required.")))
						.map(CheckoutRequest::parse)
						.flatMap(body -> checkout.create(ApiPrincipal.of(request.exchange()).id(), body))
						.flatMap(session -> ServerResponse.status(HttpStatus.CREATED)
							.location(URI.create(SESSIONS + "/" + session.id()))
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(CheckoutViews.of(session)))))
			.filter(ApiAccess.requires(Permission.CHECKOUT_WRITE))
			.build();
	}

	@Bean
	RouterFunction<ServerResponse> checkoutReadRouter(CheckoutService checkout) {
		return RouterFunctions.route()
			.GET(SESSIONS + "/{id}",
					request -> checkout.find(request.pathVariable("id"))
						.flatMap(session -> ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(CheckoutViews.of(session))))
			.filter(ApiAccess.requires(Permission.CHECKOUT_READ))
			.build();
	}

	private static Mono<Caller> buyer(CallerIdentityService identities, ServerRequest request) {
		return identities.caller(request.headers().asHttpHeaders(), AUDIENCE)
			.flatMap(
					caller -> caller.map(Mono::just).orElseGet(() -> Mono.error(CheckoutException.identityRequired())));
	}

}
