package dev.piedge.sidecar.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the {@link AppWallet} at start-up, from {@code pi.payouts.wallet.seed} or
 * {@code seed-file}. A seed that is not valid stops start-up with a message that names
 * the key and never the seed. No seed is a normal state while payouts are off
 * ({@code pi.payouts.enabled}, default {@code false}): the sidecar runs and signs
 * nothing. With payouts on, a missing seed stops start-up.
 */
@Configuration(proxyBeanMethods = false)
class AppWalletConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AppWalletConfiguration.class);

	@Bean
	AppWallet appWallet(WalletProperties properties, @Value("${pi.payouts.enabled:false}") boolean payoutsEnabled) {
		AppWallet wallet = open(properties);
		if (!wallet.isConfigured()) {
			if (payoutsEnabled) {
				throw new IllegalStateException("pi.payouts.enabled is true, but no wallet seed is configured: set "
						+ "PI_WALLET_SEED (" + WalletProperties.PREFIX + "seed) or " + WalletProperties.PREFIX
						+ "seed-file to the app wallet's secret seed");
			}
			log.info("No app wallet seed is configured, so payouts are off and nothing is signed");
			return wallet;
		}
		log.info("App wallet {} opened; payouts are signed with it", wallet.address());
		return wallet;
	}

	static AppWallet open(WalletProperties properties) {
		if (properties.seed() != null && properties.seedFile() != null) {
			throw new IllegalArgumentException("Set " + WalletProperties.PREFIX + "seed (PI_WALLET_SEED) or "
					+ WalletProperties.PREFIX + "seed-file, not both");
		}
		if (properties.seed() != null) {
			return AppWallet.fromSeed(properties.seed().strip().toCharArray(), WalletProperties.PREFIX + "seed");
		}
		if (properties.seedFile() != null) {
			return AppWallet.fromSeed(readSeedFile(properties.seedFile()),
					WalletProperties.PREFIX + "seed-file " + properties.seedFile());
		}
		return AppWallet.notConfigured();
	}

	private static char[] readSeedFile(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(WalletProperties.PREFIX + "seed-file " + file + " cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
		CharBuffer text = null;
		try {
			text = StandardCharsets.US_ASCII.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return strip(text);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException(WalletProperties.PREFIX + "seed-file " + file
					+ " must hold the seed as plain ASCII text (the content is not shown)");
		}
		finally {
			// The seed is copied once, into the char array the wallet zeroes.
			Arrays.fill(bytes, (byte) 0);
			if (text != null && text.hasArray()) {
				Arrays.fill(text.array(), '\0');
			}
		}
	}

	private static char[] strip(CharBuffer text) {
		int start = 0;
		int end = text.limit();
		while (start < end && Character.isWhitespace(text.get(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(text.get(end - 1))) {
			end--;
		}
		char[] seed = new char[end - start];
		text.get(start, seed);
		return seed;
	}

}
