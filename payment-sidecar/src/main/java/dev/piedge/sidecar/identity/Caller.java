package dev.piedge.sidecar.identity;

/**
 * A Pi user whose identity the proxy verified and signed.
 *
 * @param uid the app-scoped Pi uid
 * @param username the Pi username, or {@code null}
 */
public record Caller(String uid, String username) {
}
