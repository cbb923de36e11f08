package dev.piedge.sandbox.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.PiApiException;
import dev.piedge.sandbox.http.JsonBodyReader;
import dev.piedge.sandbox.user.SandboxUser;
import dev.piedge.sandbox.user.UserDirectory;

/**
 * The Pi SDK emulator: the script ({@code GET /pi-sdk.js}) and the endpoints it calls to
 * sign a user in. {@code Pi.authenticate} shows a picker of the demo users whose tokens
 * are valid ({@code GET /sdk/users}) and signs the picked one in
 * ({@code POST /sdk/authenticate}), standing in for the Pi Browser's consent dialog.
 */
@Component
class SdkHandler {

	static final String SCRIPT = "pi-sandbox/pi-sdk.js";

	private static final MediaType JAVASCRIPT = new MediaType("application", "javascript", StandardCharsets.UTF_8);

	private final byte[] script;

	private final UserDirectory users;

	private final JsonBodyReader bodies;

	private final Clock clock;

	private final long approvalTimeoutMs;

	SdkHandler(UserDirectory users, JsonBodyReader bodies, SandboxProperties properties, Clock clock) {
		this.users = users;
		this.bodies = bodies;
		this.clock = clock;
		this.approvalTimeoutMs = properties.approvalTimeout().toMillis();
		// Read once at start-up, off the event loop.
		try {
			this.script = new ClassPathResource(SCRIPT).getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The jar lacks " + SCRIPT, ex);
		}
	}

	/**
	 * The script, for {@code <script src>} on any origin. {@code no-cache}: browsers
	 * revalidate, so a restarted sandbox's new script is picked up at once.
	 */
	Mono<ServerResponse> script(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(JAVASCRIPT)
			.cacheControl(CacheControl.noCache())
			.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.header("X-Content-Type-Options", "nosniff")
			.bodyValue(script);
	}

	/** What the script needs to know of the sandbox's settings. */
	Mono<ServerResponse> config(ServerRequest request) {
		return ServerResponse.ok().bodyValue(Map.of("approvalTimeoutMs", approvalTimeoutMs));
	}

	/**
	 * {@code {"users":[{"username":"alice"},…]}}: the users whose tokens are valid now.
	 */
	Mono<ServerResponse> users(ServerRequest request) {
		Instant now = clock.instant();
		List<Map<String, String>> valid = new ArrayList<>();
		for (SandboxUser user : users.all()) {
			if (!user.isExpiredAt(now)) {
				valid.add(Map.of("username", user.username()));
			}
		}
		return ServerResponse.ok().bodyValue(Map.of("users", valid));
	}

	/**
	 * {@code {"username", "scopes"}} → Pi's AuthResult {@code {accessToken, user}}. Like
	 * {@code /v2/me}, {@code user.username} is there only when the user has granted the
	 * {@code username} scope, and here also only when the app asked for it.
	 */
	Mono<ServerResponse> authenticate(ServerRequest request) {
		return bodies.read(request)
			.switchIfEmpty(Mono.error(() -> PiApiException
				.invalidArguments("Send {\"username\":\"alice\",\"scopes\":[\"username\",\"payments\"]}.")))
			.flatMap(body -> Mono.fromCallable(() -> SignIn.from(body)))
			.flatMap(this::authResult)
			.flatMap(result -> ServerResponse.ok().bodyValue(result));
	}

	private Mono<AuthResult> authResult(SignIn signIn) {
		SandboxUser user = users.findByUsername(signIn.username()).orElse(null);
		if (user == null) {
			return Mono.error(PiApiException.userNotFound(signIn.username()));
		}
		if (user.isExpiredAt(clock.instant())) {
			return Mono.error(PiApiException.expiredToken());
		}
		boolean username = signIn.scopes().contains("username") && user.hasScope("username");
		return Mono.just(new AuthResult(user.token(), new AuthUser(user.uid(), username ? user.username() : null)));
	}

	/** The picked user and the scopes the app asked for. */
	private record SignIn(String username, List<String> scopes) {

		static SignIn from(JsonNode body) {
			JsonNode username = body.isObject() ? body.get("username") : null;
			if (username == null || !username.isString() || username.stringValue().isBlank()) {
				throw PiApiException.invalidArguments("'username' must be a demo user's name.");
			}
			JsonNode scopes = body.get("scopes");
			if (scopes == null || !scopes.isArray()) {
				throw PiApiException.invalidArguments("'scopes' must be an array such as [\"username\",\"payments\"].");
			}
			List<String> names = new ArrayList<>();
			for (JsonNode scope : scopes) {
				if (!scope.isString()) {
					throw PiApiException.invalidArguments("'scopes' must hold strings.");
				}
				names.add(scope.stringValue());
			}
			return new SignIn(username.stringValue(), names);
		}
	}

	/** Pi's AuthResult, as {@code Pi.authenticate} resolves it. */
	record AuthResult(String accessToken, AuthUser user) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AuthUser(String uid, String username) {
	}

}
