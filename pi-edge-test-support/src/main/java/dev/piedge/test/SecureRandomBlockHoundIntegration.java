package dev.piedge.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * pi-edge's one exception to "no blocking call on a non-blocking thread", applied wherever
 * {@code blockhound-junit-platform} installs BlockHound. {@code SecureRandom} (ES256 signatures, random UUIDs)
 * reads {@code /dev/urandom} through a {@code FileInputStream}, which BlockHound flags, but that device never
 * waits once the kernel's pool is initialised (Linux 5.6+); Netty allows its own {@code SecureRandom} reads for
 * the same reason. Everything else stays forbidden.
 */
public class SecureRandomBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
	}

}
