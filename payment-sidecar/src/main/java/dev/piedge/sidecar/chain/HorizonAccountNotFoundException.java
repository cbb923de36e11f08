package dev.piedge.sidecar.chain;

/**
 * Horizon has no such account (404): on Stellar an account exists only once it has been
 * funded, so an app wallet that was never funded on this network cannot pay.
 */
public final class HorizonAccountNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private HorizonAccountNotFoundException(String message) {
		super(message);
	}

	static HorizonAccountNotFoundException of(PiNetwork network, String accountId) {
		return new HorizonAccountNotFoundException(
				"Horizon has no account " + accountId + " on " + network + ": the wallet was never funded there");
	}

}
