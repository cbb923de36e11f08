package dev.piedge.sidecar.chain;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.stellar.sdk.Network;

/**
 * The two Pi blockchains, named as Pi writes a payment's {@code network}.
 *
 * <p>
 * A network's passphrase, which every signature covers, is that same name: pi-nodejs
 * signs with {@code new Network(payment.network)}, and its production settings say so
 * (see the project's Pi reference, A2U flow). A transaction signed for one network is
 * refused by the other with {@code tx_bad_auth}.
 */
public enum PiNetwork {

	/** Pi's test network, where A2U payments were first allowed. */
	TESTNET("Pi Testnet"),

	/** Pi's main network. */
	MAINNET("Pi Network");

	private final String piName;

	PiNetwork(String piName) {
		this.piName = piName;
	}

	/**
	 * Finds the network Pi names in a payment's {@code network}.
	 * @param piName {@code Pi Testnet} or {@code Pi Network}, exactly
	 * @return the network
	 * @throws IllegalArgumentException for any other value
	 */
	public static PiNetwork of(String piName) {
		for (PiNetwork network : values()) {
			if (network.piName.equals(piName)) {
				return network;
			}
		}
		throw new IllegalArgumentException(
				"A Pi network is one of " + names() + ", but was " + ((piName != null) ? "'" + piName + "'" : "null"));
	}

	/**
	 * Returns the names Pi uses, for messages.
	 * @return {@code 'Pi Testnet', 'Pi Network'}
	 */
	static String names() {
		return Arrays.stream(values()).map(network -> "'" + network.piName + "'").collect(Collectors.joining(", "));
	}

	/**
	 * Returns the name Pi writes in a payment's {@code network}.
	 * @return {@code Pi Testnet} or {@code Pi Network}
	 */
	public String piName() {
		return this.piName;
	}

	/**
	 * Returns the network passphrase transactions are signed for.
	 * @return the same text as {@link #piName()}
	 */
	public String passphrase() {
		return this.piName;
	}

	Network stellarNetwork() {
		return new Network(passphrase());
	}

	@Override
	public String toString() {
		return this.piName;
	}

}
