package dev.piedge.sidecar.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import dev.piedge.sidecar.api.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, lists and revokes backend API keys for the operator. A new key is returned
 * whole exactly once; afterwards only its id and SHA-256 exist. Several keys may be
 * active at once, so rotating is: create the new key, switch the backend to it, revoke
 * the old one.
 */
@Service
class ApiKeyService {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

	static final int MAX_LABEL_LENGTH = 100;

	private final ApiKeyRepository repository;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiKeyService(ApiKeyRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * A new key with this label and these permissions, such as {@code payouts:write};
	 * {@link InvalidApiKeyRequestException} for a blank or odd label, no permission or
	 * one pi-edge does not know.
	 */
	Mono<CreatedApiKey> create(String label, Collection<String> permissions) {
		String problem = problemWith(label, permissions);
		if (problem != null) {
			return Mono.error(InvalidApiKeyRequestException.because(problem));
		}
		Set<Permission> granted = EnumSet.noneOf(Permission.class);
		permissions.forEach(value -> Permission.parse(value.strip()).ifPresent(granted::add));
		ApiKeyCredential credential = ApiKeyCredential.generate(this.random);
		// Microseconds, as PostgreSQL keeps them, so the answer shows what is stored.
		ApiKey key = new ApiKey(credential.id(), label.strip(), granted,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), null, null);
		return this.repository.insert(key, credential.secretSha256())
			.doOnNext(stored -> log.info("Created API key {} ({}) with {}", stored.id(), stored.label(),
					stored.permissions()))
			.map(stored -> new CreatedApiKey(stored, credential));
	}

	Flux<ApiKey> list() {
		return this.repository.findAll();
	}

	/**
	 * Revokes the key at once: its next request is refused. Empty when there is no such
	 * key; revoking twice keeps the first time.
	 */
	Mono<ApiKey> revoke(String id) {
		return this.repository.revoke(id, this.clock.instant())
			.doOnNext(key -> log.info("Revoked API key {} ({})", key.id(), key.label()));
	}

	/** What is wrong with the request, or {@code null}. */
	private static String problemWith(String label, Collection<String> permissions) {
		String stripped = (label != null) ? label.strip() : "";
		if (stripped.isEmpty() || stripped.length() > MAX_LABEL_LENGTH
				|| !stripped.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
			return "label must be 1 to " + MAX_LABEL_LENGTH
					+ " characters without control characters, such as \"ci\" or \"billing-service\".";
		}
		if (permissions == null || permissions.isEmpty()) {
			return "permissions must name at least one of " + known() + ".";
		}
		for (String value : permissions) {
			if (value == null || Permission.parse(value.strip()).isEmpty()) {
				return "Unknown permission \"" + value + "\"; the permissions are " + known() + ".";
			}
		}
		return null;
	}

	private static String known() {
		return String.join(", ", EnumSet.allOf(Permission.class).stream().map(Permission::value).toList());
	}

	/** A key just created, with its secret: shown once, never stored. */
	record CreatedApiKey(ApiKey key, ApiKeyCredential credential) {
	}

}
