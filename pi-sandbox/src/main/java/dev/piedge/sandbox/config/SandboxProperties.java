package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sandbox, bound from {@code pi.sandbox.*} (see
 * {@code config/pi-sandbox.yml}). Bad values stop start-up with a message that names the
 * key to fix.
 *
 * @param apiKey the Server API Key accepted in {@code Authorization: Key <key>} on the
 * payment endpoints
 * @param network the app's network, shown as {@code payment.network}: {@code Pi Testnet}
 * or {@code Pi Network}
 * @param appWalletAddress the app wallet: {@code to_address} of U2A and
 * {@code from_address} of A2U payments
 * @param approvalTimeout how long a U2A payment may stay unapproved before it counts as
 * cancelled
 * @param users the demo users whose access tokens {@code /v2/me} accepts
 */
@ConfigurationProperties("pi.sandbox")
public record SandboxProperties(@DefaultValue("sandbox-api-key") String apiKey,
		@DefaultValue("Pi Testnet") String network, @DefaultValue(DEFAULT_APP_WALLET) String appWalletAddress,
		@DefaultValue("60s") Duration approvalTimeout, @DefaultValue List<User> users) {

	/** A Stellar public key: 'G' plus 55 base32 characters. */
	public static final String STELLAR_ADDRESS = "G[A-Z2-7]{55}";

	static final String DEFAULT_APP_WALLET = "GBSANDBOXAPPWALLETPIEDGEDEVXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

	private static final Pattern STELLAR_ADDRESS_PATTERN = Pattern.compile(STELLAR_ADDRESS);

	private static final String PREFIX = "pi.sandbox.";

	/**
	 * Checks every value, and rejects users that would make token or uid lookups
	 * ambiguous.
	 */
	public SandboxProperties {
		requireText(PREFIX + "api-key", apiKey, "such as sandbox-api-key");
		if (!"Pi Testnet".equals(network) && !"Pi Network".equals(network)) {
			throw new IllegalArgumentException(
					PREFIX + "network must be 'Pi Testnet' or 'Pi Network', was " + quoted(network));
		}
		requireStellarAddress(PREFIX + "app-wallet-address", appWalletAddress);
		if (approvalTimeout == null || approvalTimeout.isNegative() || approvalTimeout.isZero()) {
			throw new IllegalArgumentException(
					PREFIX + "approval-timeout must be positive, e.g. 60s; was " + approvalTimeout);
		}
		users = (users != null) ? List.copyOf(users) : List.of();
		Set<String> tokens = new HashSet<>();
		Set<String> uids = new HashSet<>();
		Set<String> usernames = new HashSet<>();
		for (int i = 0; i < users.size(); i++) {
			User user = users.get(i);
			String where = PREFIX + "users[" + i + "]";
			requireText(where + ".token", user.token(), "the access token the user sends as a Bearer token");
			requireText(where + ".uid", user.uid(), "the app-scoped user id /v2/me returns");
			requireText(where + ".username", user.username(), "such as alice");
			if (user.scopes().stream().anyMatch(String::isBlank)) {
				throw new IllegalArgumentException(where + ".scopes has a blank entry; list scopes such as "
						+ "[username, payments, wallet_address]");
			}
			if (user.walletAddress() != null) {
				requireStellarAddress(where + ".wallet-address", user.walletAddress());
			}
			if (!tokens.add(user.token())) {
				throw new IllegalArgumentException(where + ".token '" + user.token()
						+ "' is used by another user; give every demo user its own token");
			}
			if (!uids.add(user.uid())) {
				throw new IllegalArgumentException(
						where + ".uid '" + user.uid() + "' is used by another user; give every demo user its own uid");
			}
			// The SDK emulator's picker signs a user in by username.
			if (!usernames.add(user.username())) {
				throw new IllegalArgumentException(where + ".username '" + user.username()
						+ "' is used by another user; give every demo user its own username");
			}
			if ((user.validFor() == null) == (user.validUntil() == null)) {
				throw new IllegalArgumentException(where + " (" + user.username()
						+ ") needs exactly one of valid-for (e.g. 24h) or valid-until (e.g. 2020-01-01T00:00:00Z)");
			}
		}
	}

	private static void requireText(String key, String value, String example) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(key + " must not be blank (" + example + ")");
		}
	}

	private static void requireStellarAddress(String key, String value) {
		if (value == null || !STELLAR_ADDRESS_PATTERN.matcher(value).matches()) {
			throw new IllegalArgumentException(key + " must be a Stellar public key: 'G' followed by 55 of A-Z and "
					+ "2-7, was " + quoted(value));
		}
	}

	private static String quoted(String value) {
		return (value != null) ? "'" + value + "'" : "unset";
	}

	/**
	 * One demo user. Its values are checked by {@link SandboxProperties}, which knows its
	 * place in the list and so can name the key to fix.
	 *
	 * @param token the access token the user presents as
	 * {@code Authorization: Bearer <token>}
	 * @param uid the app-scoped user id returned by {@code /v2/me} and used for A2U
	 * payments
	 * @param username returned by {@code /v2/me} only when {@code scopes} contains
	 * {@code username}
	 * @param scopes the scopes granted at {@code Pi.authenticate}
	 * @param validFor token lifetime counted from sandbox start; exclusive with
	 * {@code validUntil}
	 * @param validUntil fixed token expiry (a past instant makes an expired user);
	 * exclusive with {@code validFor}
	 * @param walletAddress the user's wallet; derived from the uid when absent
	 */
	public record User(String token, String uid, String username, @DefaultValue List<String> scopes, Duration validFor,
			Instant validUntil, String walletAddress) {

		public User {
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
		}
	}
}
