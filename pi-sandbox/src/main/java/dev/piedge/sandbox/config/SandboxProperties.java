package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sandbox, bound from {@code pi.sandbox.*} (see
 * {@code config/pi-sandbox.yml}).
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
@Validated
@ConfigurationProperties("pi.sandbox")
public record SandboxProperties(@NotBlank @DefaultValue("sandbox-api-key") String apiKey,
		@NotNull @Pattern(regexp = "Pi Testnet|Pi Network",
				message = "must be 'Pi Testnet' or 'Pi Network'") @DefaultValue("Pi Testnet") String network,
		@NotNull @Pattern(regexp = STELLAR_ADDRESS,
				message = "must be a Stellar public key: 'G' followed by 55 of A-Z and 2-7") @DefaultValue(DEFAULT_APP_WALLET) String appWalletAddress,
		@NotNull @DefaultValue("60s") Duration approvalTimeout, @Valid @NotNull @DefaultValue List<User> users) {

	/** A Stellar public key: 'G' plus 55 base32 characters. */
	public static final String STELLAR_ADDRESS = "G[A-Z2-7]{55}";

	static final String DEFAULT_APP_WALLET = "GBSANDBOXAPPWALLETPIEDGEDEVXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

	/**
	 * Rejects configurations that would make token or uid lookups ambiguous. Blank values
	 * are reported by bean validation afterwards, so this only guards against nulls.
	 */
	public SandboxProperties {
		if (approvalTimeout != null && (approvalTimeout.isNegative() || approvalTimeout.isZero())) {
			throw new IllegalArgumentException(
					"pi.sandbox.approval-timeout must be positive, e.g. 60s; was " + approvalTimeout);
		}
		users = (users != null) ? List.copyOf(users) : List.of();
		Set<String> tokens = new HashSet<>();
		Set<String> uids = new HashSet<>();
		for (int i = 0; i < users.size(); i++) {
			User user = users.get(i);
			String where = "pi.sandbox.users[" + i + "]";
			if (user.token() != null && !tokens.add(user.token())) {
				throw new IllegalArgumentException(where + ".token '" + user.token()
						+ "' is used by another user; give every demo user its own token");
			}
			if (user.uid() != null && !uids.add(user.uid())) {
				throw new IllegalArgumentException(
						where + ".uid '" + user.uid() + "' is used by another user; give every demo user its own uid");
			}
			if ((user.validFor() == null) == (user.validUntil() == null)) {
				throw new IllegalArgumentException(where + " (" + user.username()
						+ ") needs exactly one of valid-for (e.g. 24h) or valid-until (e.g. 2020-01-01T00:00:00Z)");
			}
		}
	}

	/**
	 * One demo user.
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
	public record User(@NotBlank String token, @NotBlank String uid, @NotBlank String username,
			@NotNull @DefaultValue List<@NotBlank String> scopes, Duration validFor, Instant validUntil,
			@Pattern(regexp = STELLAR_ADDRESS,
					message = "must be a Stellar public key: 'G' followed by 55 of A-Z and 2-7") String walletAddress) {

		public User {
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
		}
	}
}
