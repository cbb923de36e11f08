package dev.piedge.sandbox.user;

import java.time.Instant;
import java.util.List;

/**
 * A demo user as the sandbox knows it, with its token expiry already resolved to an
 * instant.
 *
 * @param walletAddress the user's wallet: {@code from_address} of its U2A and
 * {@code to_address} of its A2U payments
 */
public record SandboxUser(String token, String uid, String username, List<String> scopes, Instant validUntil,
		String walletAddress) {

	public SandboxUser {
		scopes = List.copyOf(scopes);
	}

	public boolean hasScope(String scope) {
		return scopes.contains(scope);
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(validUntil);
	}
}
