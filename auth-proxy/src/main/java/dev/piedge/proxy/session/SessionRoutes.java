package dev.piedge.proxy.session;

import java.util.Set;

import dev.piedge.proxy.browser.BrowserProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The proxy's own browser endpoints. Router functions are consulted before gateway
 * routes, so the reserved prefix {@code /pi-edge/} is answered here and never forwarded
 * to a backend, whatever the routes say; an unknown path under it is a 404. Only
 * {@code /pi-edge/checkout} and {@code /pi-edge/checkout/**} fall through to the gateway
 * routes (config/auth-proxy.yml's {@code checkout} route, to the payment sidecar);
 * without such a route they are a 404 as well.
 */
@Configuration(proxyBeanMethods = false)
class SessionRoutes {

	static final String SESSION_PATH = "/pi-edge/session";

	static final String SIGN_OUT_PATH = "/pi-edge/sign-out";

	static final String VALIDATION_KEY_PATH = "/validation-key.txt";

	/**
	 * The one exception to the reserved prefix: the hosted checkout, which the payment
	 * sidecar serves through the gateway's {@code checkout} route. The pattern matches
	 * {@code /pi-edge/checkout} itself too, and nothing else
	 * ({@code /pi-edge/checkoutx}).
	 */
	static final String CHECKOUT_PATHS = "/pi-edge/checkout/**";

	@Bean
	RouterFunction<ServerResponse> browserEndpoints(SessionHandler sessions, SignInPage signIn,
			BrowserProperties properties) {
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(SignInChallenge.SIGN_IN_PATH, request -> signInPage(signIn, request.queryParam("rd").orElse(null)))
			.POST(SESSION_PATH, sessions::start)
			.GET(SESSION_PATH, sessions::current)
			.DELETE(SESSION_PATH, sessions::end)
			.POST(SIGN_OUT_PATH, sessions::signOut)
			.route(RequestPredicates.path(SESSION_PATH),
					request -> sessions.methodNotAllowed(request,
							Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)))
			.route(RequestPredicates.path(SignInChallenge.SIGN_IN_PATH),
					request -> sessions.methodNotAllowed(request, Set.of(HttpMethod.GET)))
			.route(RequestPredicates.path(SIGN_OUT_PATH),
					request -> sessions.methodNotAllowed(request, Set.of(HttpMethod.POST)))
			.route(RequestPredicates.path("/pi-edge/**").and(RequestPredicates.path(CHECKOUT_PATHS).negate()),
					sessions::notFound);
		if (properties.validationKey() != null) {
			// Only when set: otherwise the app's own backend may serve the file.
			String key = properties.validationKey();
			routes.GET(VALIDATION_KEY_PATH,
					request -> ServerResponse.ok()
						.contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
						.cacheControl(CacheControl.noCache())
						.bodyValue(key));
		}
		return routes.build();
	}

	private static Mono<ServerResponse> signInPage(SignInPage page, String rd) {
		String nonce = page.nonce();
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", page.contentSecurityPolicy(nonce))
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.header(HttpHeaders.VARY, "Cookie")
			.bodyValue(page.render(ReturnPath.of(rd), nonce));
	}

}
