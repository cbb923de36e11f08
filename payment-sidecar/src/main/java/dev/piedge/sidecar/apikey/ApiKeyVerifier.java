package dev.piedge.sidecar.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.piedge.sidecar.api.ApiCredentialVerifier;
import dev.piedge.sidecar.api.ApiPrincipal;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Verifies {@code pek_} API keys: one lookup by the key's public id, then the SHA-256 of
 * the secret presented is compared in constant time with the stored one. A revoked key is
 * refused like an unknown one. The key's last use is written at most once a
 * {@link #LAST_USED_PRECISION} per key, not on every request.
 */
@Component
class ApiKeyVerifier implements ApiCredentialVerifier {

	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private final ApiKeyRepository repository;

	private final Clock clock;

	ApiKeyVerifier(ApiKeyRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public boolean accepts(String credential) {
		return credential.startsWith(ApiKeyCredential.PREFIX);
	}

	@Override
	public Mono<ApiPrincipal> verify(String credential) {
		Optional<ApiKeyCredential> presented = ApiKeyCredential.parse(credential);
		if (presented.isEmpty()) {
			return Mono.empty();
		}
		ApiKeyCredential key = presented.get();
		return this.repository.find(key.id())
			.filter(stored -> key.matches(stored.secretSha256()) && stored.key().active())
			.flatMap(stored -> recordUse(stored.key())
				.thenReturn(ApiPrincipal.apiKey(stored.key().id(), stored.key().permissions())));
	}

	private Mono<Void> recordUse(ApiKey key) {
		Instant now = this.clock.instant();
		Instant staleBefore = now.minus(LAST_USED_PRECISION);
		if (key.lastUsedAt() != null && !key.lastUsedAt().isBefore(staleBefore)) {
			return Mono.empty();
		}
		return this.repository.recordUse(key.id(), now, staleBefore);
	}

}
