package dev.piedge.proxy.session;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import dev.piedge.proxy.browser.RequestOrigins;
import dev.piedge.proxy.token.BearerTokenExtractor;
import dev.piedge.proxy.token.MalformedTokenException;
import dev.piedge.proxy.token.MissingTokenException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

import reactor.core.publisher.Mono;

/**
 * The session endpoints under {@code /pi-edge/}: start a session from a Pi access token,
 * read it, end it (by script or by an HTML form). Every answer is {@code no-store}: a
 * session must never come out of a cache.
 */
@Component
class SessionHandler {

	private static final CacheControl NO_STORE = CacheControl.noStore();

	/** Where {@code Pi.authenticate}'s token goes in the sign-in body. */
	private static final String ACCESS_TOKEN = "accessToken";

	private final SessionService sessions;

	private final SessionCookieService cookies;

	private final BearerTokenExtractor tokens;

	private final RequestOrigins origins;

	private final Clock clock;

	SessionHandler(SessionService sessions, SessionCookieService cookies, BearerTokenExtractor tokens,
			RequestOrigins origins, Clock clock) {
		this.sessions = sessions;
		this.cookies = cookies;
		this.tokens = tokens;
		this.origins = origins;
		this.clock = clock;
	}

	/**
	 * {@code POST /pi-edge/session}: verifies the token like any bearer token and sets
	 * the cookie. Only from the proxy's own pages (or a trusted origin), and only with a
	 * JSON body or a bearer header, which a cross-site HTML form can send neither of
	 * (login CSRF: another site must not sign a visitor in as someone else).
	 */
	Mono<ServerResponse> start(ServerRequest request) {
		ServerHttpRequest http = request.exchange().getRequest();
		if (!this.origins.fromOwnOrTrustedOrigin(http)) {
			return Mono.error(CsrfRejectedException.signIn());
		}
		return token(request).flatMap(this.sessions::signIn).flatMap(session -> {
			this.cookies.write(request.exchange().getResponse(), session);
			return ServerResponse.ok()
				.cacheControl(NO_STORE)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(SessionView.of(session, this.clock.instant()));
		});
	}

	private Mono<String> token(ServerRequest request) {
		Optional<String> bearer = this.tokens.extract(request.headers().asHttpHeaders());
		if (bearer.isPresent()) {
			return Mono.just(bearer.get());
		}
		MediaType type = request.headers().contentType().orElse(null);
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return Mono.error(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Send {\"accessToken\": \"…\"} as application/json."));
		}
		return request.bodyToMono(JsonNode.class)
			.filter(body -> body.isObject() && body.hasNonNull(ACCESS_TOKEN))
			.switchIfEmpty(Mono.error(MissingTokenException::create))
			.map(body -> {
				JsonNode token = body.get(ACCESS_TOKEN);
				if (!token.isString()) {
					throw MalformedTokenException.because("accessToken must be a string.");
				}
				return this.tokens.validated(token.asString());
			});
	}

	/** {@code GET /pi-edge/session}: the current session, checked with Pi when due. */
	Mono<ServerResponse> current(ServerRequest request) {
		ServerHttpRequest http = request.exchange().getRequest();
		Optional<BrowserSession> session = this.cookies.read(http);
		if (session.isEmpty()) {
			if (this.cookies.sent(http)) {
				this.cookies.clear(request.exchange().getResponse());
			}
			return Mono.error(NoSessionException.create());
		}
		return this.sessions.revalidate(session.get(), request.exchange().getResponse())
			.flatMap(current -> ServerResponse.ok()
				.cacheControl(NO_STORE)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(SessionView.of(current, this.clock.instant())))
			.switchIfEmpty(Mono.error(NoSessionException::create));
	}

	/** {@code DELETE /pi-edge/session}: clears the cookie, 204. */
	Mono<ServerResponse> end(ServerRequest request) {
		if (!this.origins.fromOwnOrTrustedOrigin(request.exchange().getRequest())) {
			return Mono.error(CsrfRejectedException.create());
		}
		this.cookies.clear(request.exchange().getResponse());
		return ServerResponse.noContent().cacheControl(NO_STORE).build();
	}

	/**
	 * {@code POST /pi-edge/sign-out}, for an HTML form: clears the cookie, then 303 to
	 * the form's (or the query's) {@code rd} when one is given, 204 otherwise.
	 */
	Mono<ServerResponse> signOut(ServerRequest request) {
		if (!this.origins.fromOwnOrTrustedOrigin(request.exchange().getRequest())) {
			return Mono.error(CsrfRejectedException.create());
		}
		this.cookies.clear(request.exchange().getResponse());
		Mono<Optional<String>> form = request.headers()
			.contentType()
			.filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
			.map(type -> request.formData().map(data -> Optional.ofNullable(data.getFirst("rd"))))
			.orElse(Mono.just(Optional.empty()));
		return form.flatMap(fromForm -> {
			Optional<String> rd = fromForm.or(() -> request.queryParam("rd"));
			if (rd.isEmpty()) {
				return ServerResponse.noContent().cacheControl(NO_STORE).build();
			}
			return ServerResponse.seeOther(URI.create(ReturnPath.of(rd.get()))).cacheControl(NO_STORE).build();
		});
	}

	/** A pi-edge endpoint asked with a method it does not answer. */
	Mono<ServerResponse> methodNotAllowed(ServerRequest request, Set<HttpMethod> allowed) {
		return Mono.error(new MethodNotAllowedException(request.method(), allowed));
	}

	/** Nothing under {@code /pi-edge/} is ever forwarded to a backend. */
	Mono<ServerResponse> notFound(ServerRequest request) {
		return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
