package dev.piedge.sidecar.handshake;

/**
 * What a callback achieved: the payment as it now stands, and whether another callback is
 * still working on it (answered 202, so the SDK's next re-fire finds the outcome).
 */
record HandshakeResult(PaymentView payment, boolean inProgress) {

	static HandshakeResult done(PaymentView payment) {
		return new HandshakeResult(payment, false);
	}

	static HandshakeResult inProgress(PaymentView payment) {
		return new HandshakeResult(payment, true);
	}

}
