package dev.piedge.sandbox.config;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.stellar.sdk.KeyPair;
import org.stellar.sdk.StrKey;

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
 * {@code from_address} of A2U payments; the Horizon emulator checks A2U transactions'
 * signatures against this public key
 * @param appWalletDemoSeed the secret seed of the app wallet, published for demos only so
 * a demo payout service can sign; the sandbox only checks that it belongs to
 * {@code appWalletAddress}. Empty when the address is not the demo wallet.
 * @param approvalTimeout how long a U2A payment may stay unapproved before it counts as
 * cancelled
 * @param users the demo users whose access tokens {@code /v2/me} accepts
 * @param horizon settings of the Horizon emulator
 */
@ConfigurationProperties("pi.sandbox")
public record SandboxProperties(@DefaultValue("sandbox-api-key") String apiKey,
		@DefaultValue("Pi Testnet") String network, @DefaultValue(DEFAULT_APP_WALLET) String appWalletAddress,
		@DefaultValue(DEFAULT_APP_WALLET_DEMO_SEED) String appWalletDemoSeed,
		@DefaultValue("60s") Duration approvalTimeout, @DefaultValue List<User> users, @DefaultValue Horizon horizon) {

	/**
	 * The shape of a Stellar public key: 'G' plus 55 base32 characters. A valid key also
	 * needs the right version byte and checksum, which the validation checks too.
	 */
	public static final String STELLAR_ADDRESS = "G[A-Z2-7]{55}";

	/**
	 * The demo app wallet, a real Stellar key pair made once with the Stellar SDK. Its
	 * seed is {@link #DEFAULT_APP_WALLET_DEMO_SEED}.
	 */
	public static final String DEFAULT_APP_WALLET = "GB3MPQRQ7HH7NJSH3YY4RPD6O52W4V7MPETYFHDFEJBBVPDFBGRB2A3P";

	/**
	 * DEMO ONLY, public: the secret seed of {@link #DEFAULT_APP_WALLET}. Anyone can sign
	 * for this wallet; it exists only inside pi-sandbox.
	 */
	public static final String DEFAULT_APP_WALLET_DEMO_SEED = "SDNMROVIIY4E43P4JQJVF46P2L3N76HVZK6FAHTSL5NAVNW3JHJCH22L";

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
		appWalletDemoSeed = (appWalletDemoSeed != null && !appWalletDemoSeed.isBlank()) ? appWalletDemoSeed : null;
		if (appWalletDemoSeed != null) {
			requireSeedOf(appWalletAddress, appWalletDemoSeed);
		}
		if (horizon == null) {
			horizon = new Horizon(Horizon.DEFAULT_BASE_FEE);
		}
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

	/** Leaves the seed out, so printing the settings never prints a secret. */
	@Override
	public String toString() {
		return "SandboxProperties[apiKey=***, network=" + network + ", appWalletAddress=" + appWalletAddress
				+ ", approvalTimeout=" + approvalTimeout + ", users=" + users.size() + ", horizon=" + horizon + "]";
	}

	private static void requireText(String key, String value, String example) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(key + " must not be blank (" + example + ")");
		}
	}

	private static void requireStellarAddress(String key, String value) {
		if (value == null || !STELLAR_ADDRESS_PATTERN.matcher(value).matches() || !hasValidChecksum(value)) {
			throw new IllegalArgumentException(key + " must be a Stellar public key: 'G' followed by 55 of A-Z and "
					+ "2-7, with a valid checksum, was " + quoted(value));
		}
	}

	private static boolean hasValidChecksum(String address) {
		try {
			StrKey.decodeEd25519PublicKey(address);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	// The seed is never quoted in a message: only the demo seed is public.
	private static void requireSeedOf(String address, String seed) {
		String key = PREFIX + "app-wallet-demo-seed";
		String seedAddress;
		try {
			seedAddress = KeyPair.fromSecretSeed(seed).getAccountId();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					key + " must be a Stellar secret seed ('S' followed by 55 of A-Z and 2-7) " + "or left empty");
		}
		if (!seedAddress.equals(address)) {
			throw new IllegalArgumentException(key + " is not the seed of " + PREFIX + "app-wallet-address " + address
					+ "; set both together, or leave the seed empty");
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

	/**
	 * Settings of the Horizon emulator under {@code /horizon/}.
	 *
	 * @param baseFee the network's base fee per operation, in stroops (1 Pi = 10^7
	 * stroops): {@code last_ledger_base_fee} of {@code /fee_stats}, the fee charged, and
	 * the least a transaction may offer per operation
	 */
	public record Horizon(@DefaultValue("100000") long baseFee) {

		/**
		 * 0.01 Pi, what pi-ruby hardcodes as Pi's fee (an inference: Pi does not document
		 * its base fee).
		 */
		public static final long DEFAULT_BASE_FEE = 100_000;

		public Horizon {
			if (baseFee < 100) {
				throw new IllegalArgumentException(
						PREFIX + "horizon.base-fee must be at least 100 stroops (Stellar's minimum), was " + baseFee);
			}
		}
	}
}
