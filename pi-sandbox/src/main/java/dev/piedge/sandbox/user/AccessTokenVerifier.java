package dev.piedge.sandbox.user;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.piedge.sandbox.error.PiApiException;

/**
 * Resolves {@code Authorization: Bearer <token>} to a demo user, the way Pi checks
 * {@code Pi.authenticate} tokens.
 */
@Component
public class AccessTokenVerifier {

	private static final String BEARER = "Bearer";

	private final UserDirectory users;

	private final Clock clock;

	AccessTokenVerifier(UserDirectory users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Emits the token's user, or fails with 401: {@code unauthorized} when there is no
	 * Bearer header, {@code invalid_token} when the token is empty, unknown or expired.
	 */
	public Mono<SandboxUser> verify(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Mono.error(PiApiException.unauthorized());
		}
		// "Bearer" with nothing after it arrives without the space (servers trim header
		// values): a bad token.
		String token = header.substring(BEARER.length()).trim();
		SandboxUser user = users.findByToken(token).orElse(null);
		if (user == null) {
			return Mono.error(PiApiException.invalidToken());
		}
		if (user.isExpiredAt(clock.instant())) {
			return Mono.error(PiApiException.expiredToken());
		}
		return Mono.just(user);
	}

}
