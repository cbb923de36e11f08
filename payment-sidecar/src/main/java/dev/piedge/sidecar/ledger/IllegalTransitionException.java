package dev.piedge.sidecar.ledger;

/**
 * A move {@link AllowedTransition} does not list was asked of the ledger. Nothing was
 * written. It is a bug in the caller, never a client's doing: the callbacks refuse what
 * would lead there before they ask.
 */
public final class IllegalTransitionException extends IllegalStateException {

	private IllegalTransitionException(String message) {
		super(message);
	}

	static IllegalTransitionException of(PaymentDirection direction, PaymentStatus from, PaymentStatus to) {
		return new IllegalTransitionException(direction.column() + " payment: " + ((from != null) ? from : "(new)")
				+ " -> " + to + " is not an allowed move");
	}

	static IllegalTransitionException noFirstStatus(PaymentDirection direction) {
		return new IllegalTransitionException(direction.column() + " payments cannot be recorded: no move starts them");
	}

}
