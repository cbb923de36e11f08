package dev.piedge.proxy.token;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared immutable instance per distinct set of scopes. Every cached identity holds
 * its scopes, and Pi grants few combinations ({@code username}, {@code payments},
 * {@code wallet_address}); a set of its own per identity cost about 120 bytes (the set,
 * and each scope's String and bytes) of the proxy's heap per cached identity (issue 16's
 * identity-cache bench).
 */
final class ScopeSets {

	/**
	 * A bound on the sets kept, however many distinct ones arrive: past it, each set is
	 * copied as before.
	 */
	private static final int MAX_SHARED = 256;

	private static final ConcurrentHashMap<Set<String>, Set<String>> SHARED = new ConcurrentHashMap<>();

	private ScopeSets() {
	}

	/** An immutable set equal to {@code scopes}, the same instance for equal sets. */
	static Set<String> shared(Set<String> scopes) {
		Set<String> known = SHARED.get(scopes);
		if (known != null) {
			return known;
		}
		Set<String> copy = Set.copyOf(scopes);
		if (SHARED.size() >= MAX_SHARED) {
			return copy;
		}
		Set<String> previous = SHARED.putIfAbsent(copy, copy);
		return (previous != null) ? previous : copy;
	}

}
