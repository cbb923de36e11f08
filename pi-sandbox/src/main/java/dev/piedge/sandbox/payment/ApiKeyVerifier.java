package dev.piedge.sandbox.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.piedge.sandbox.config.SandboxProperties;
import dev.piedge.sandbox.error.PiApiException;

/** Checks {@code Authorization: Key <Server API Key>} on the payment endpoints. */
@Component
class ApiKeyVerifier {

	private static final String KEY = "Key ";

	private final byte[] apiKey;

	ApiKeyVerifier(SandboxProperties properties) {
		this.apiKey = properties.apiKey().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Completes empty when the key is right, else fails with 401 and Pi's documented
	 * message.
	 */
	Mono<Void> verify(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, KEY, 0, KEY.length())) {
			return Mono.error(PiApiException.unauthorized());
		}
		byte[] presented = header.substring(KEY.length()).trim().getBytes(StandardCharsets.UTF_8);
		// Constant-time, so the sandbox does not teach clients a habit the real key would
		// punish.
		return MessageDigest.isEqual(presented, apiKey) ? Mono.empty() : Mono.error(PiApiException.unauthorized());
	}

}
