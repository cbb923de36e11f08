package dev.piedge.sidecar.api;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend API caller may do, as {@code resource:action}. A permission may imply
 * others (its children), and only those listed here: {@code payouts:write} implies
 * {@code payouts:read}, because a caller that creates payouts must be able to follow
 * them. There are no wildcards. A new permission is one constant; declare its children
 * before it.
 */
public enum Permission {

	/** Read payouts (App-to-User payments) and their status. */
	PAYOUTS_READ("payouts:read"),

	/** Create and cancel payouts; implies {@code payouts:read}. */
	PAYOUTS_WRITE("payouts:write", PAYOUTS_READ),

	/** Read the ledger's payments (User-to-App and App-to-User). */
	PAYMENTS_READ("payments:read"),

	/** Read hosted checkout sessions. */
	CHECKOUT_READ("checkout:read"),

	/**
	 * Create hosted checkout sessions; implies {@code checkout:read}, to follow the
	 * sessions it created.
	 */
	CHECKOUT_WRITE("checkout:write", CHECKOUT_READ);

	private final String value;

	private final Set<Permission> implied;

	Permission(String value, Permission... children) {
		this.value = value;
		// Not an EnumSet: the enum's constants are not all there yet while they are
		// built.
		Set<Permission> implied = new HashSet<>();
		for (Permission child : children) {
			implied.add(child);
			implied.addAll(child.implied);
		}
		this.implied = Set.copyOf(implied);
	}

	/**
	 * The permission as callers and operators write it, such as {@code payouts:write}.
	 */
	public String value() {
		return this.value;
	}

	/** Whether holding this permission allows what {@code required} allows. */
	public boolean grants(Permission required) {
		return this == required || this.implied.contains(required);
	}

	/** The permission written as {@code value}, if pi-edge knows it. */
	public static Optional<Permission> parse(String value) {
		for (Permission permission : values()) {
			if (permission.value.equals(value)) {
				return Optional.of(permission);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
