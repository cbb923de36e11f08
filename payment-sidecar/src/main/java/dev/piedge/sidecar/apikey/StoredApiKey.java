package dev.piedge.sidecar.apikey;

/**
 * A key's row: the key and the SHA-256 of its secret, which never leaves this package.
 */
record StoredApiKey(ApiKey key, byte[] secretSha256) {
}
