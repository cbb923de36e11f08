package dev.piedge.sidecar.idempotency;

import java.util.UUID;

/**
 * A caller's {@code Idempotency-Key} as the claim statement found or left it.
 *
 * @param claimed whether this request took the key (new, or an abandoned lease taken
 * over) and should run
 * @param requestSha256 the fingerprint of the request that first used the key
 * @param leaseToken the lease of the request running under it, if any
 * @param answer the answer to replay, once there is one
 */
record IdempotencyRecord(boolean claimed, byte[] requestSha256, UUID leaseToken, StoredAnswer answer) {

	boolean completed() {
		return this.answer != null;
	}

}
