package dev.piedge.sidecar.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated caller of the backend API: an API key or a platform token's subject,
 * with the permissions it was granted.
 *
 * @param id who is calling, unique across both kinds: {@code key:<key id>} or
 * {@code platform:<sub>}. Idempotency keys are kept per id.
 * @param granted the permissions as granted, before implication
 */
public record ApiPrincipal(String id, Set<Permission> granted) {

	static final String ATTRIBUTE = ApiPrincipal.class.getName();

	public ApiPrincipal {
		granted = granted.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(granted));
	}

	/** A caller holding an API key with this public id. */
	public static ApiPrincipal apiKey(String keyId, Set<Permission> granted) {
		return new ApiPrincipal("key:" + keyId, granted);
	}

	/** A caller presenting a platform token with this subject. */
	public static ApiPrincipal platform(String subject, Set<Permission> granted) {
		return new ApiPrincipal("platform:" + subject, granted);
	}

	/** Whether one of the granted permissions grants {@code required}. */
	public boolean holds(Permission required) {
		for (Permission permission : this.granted) {
			if (permission.grants(required)) {
				return true;
			}
		}
		return false;
	}

	/** The caller the authentication filter found for this exchange, or {@code null}. */
	public static ApiPrincipal of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
