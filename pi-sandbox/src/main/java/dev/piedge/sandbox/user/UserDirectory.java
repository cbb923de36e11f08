package dev.piedge.sandbox.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.stellar.sdk.KeyPair;

import org.springframework.stereotype.Component;

import dev.piedge.sandbox.config.SandboxProperties;

/** The configured demo users, looked up by access token, uid or username. */
@Component
public class UserDirectory {

	private final List<SandboxUser> all;

	private final Map<String, SandboxUser> byToken;

	private final Map<String, SandboxUser> byUid;

	private final Map<String, SandboxUser> byUsername;

	public UserDirectory(SandboxProperties properties, Clock clock) {
		// valid-for counts from start-up, so a restarted sandbox hands out fresh demo
		// tokens.
		Instant start = clock.instant();
		this.all = properties.users()
			.stream()
			.map(user -> new SandboxUser(user.token(), user.uid(), user.username(), user.scopes(),
					(user.validUntil() != null) ? user.validUntil() : start.plus(user.validFor()),
					(user.walletAddress() != null) ? user.walletAddress() : walletFor(user.uid())))
			.toList();
		this.byToken = index(SandboxUser::token);
		this.byUid = index(SandboxUser::uid);
		this.byUsername = index(SandboxUser::username);
	}

	/** Every user, in the order configured. */
	public List<SandboxUser> all() {
		return all;
	}

	public Optional<SandboxUser> findByToken(String token) {
		return Optional.ofNullable(byToken.get(token));
	}

	public Optional<SandboxUser> findByUid(String uid) {
		return Optional.ofNullable(byUid.get(uid));
	}

	public Optional<SandboxUser> findByUsername(String username) {
		return Optional.ofNullable(byUsername.get(username));
	}

	/**
	 * {@link SandboxProperties} has checked that tokens, uids and usernames are unique.
	 */
	private Map<String, SandboxUser> index(Function<SandboxUser, String> key) {
		return all.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
	}

	/**
	 * A stable wallet per uid, so payments show the same wallet across restarts. It is
	 * the public key of a key pair whose seed is derived from the uid, so it is a valid
	 * Stellar account that A2U payments can be sent to (nobody is meant to sign for it).
	 */
	static String walletFor(String uid) {
		byte[] seed = sha256(("pi-sandbox wallet of " + uid).getBytes(StandardCharsets.UTF_8));
		return KeyPair.fromSecretSeed(seed).getAccountId();
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK ships SHA-256", ex);
		}
	}

}
