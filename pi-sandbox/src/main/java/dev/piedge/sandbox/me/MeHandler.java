package dev.piedge.sandbox.me;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.user.AccessTokenVerifier;

/** {@code GET /v2/me}: who owns this access token. */
@Component
class MeHandler {

	private final AccessTokenVerifier tokens;

	MeHandler(AccessTokenVerifier tokens) {
		this.tokens = tokens;
	}

	Mono<ServerResponse> me(ServerRequest request) {
		return tokens.verify(request).flatMap(user -> ServerResponse.ok().bodyValue(MeResponse.of(user)));
	}

}
