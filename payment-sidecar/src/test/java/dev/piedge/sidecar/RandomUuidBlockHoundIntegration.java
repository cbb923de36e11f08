package dev.piedge.sidecar;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets {@code UUID.randomUUID()} run on event loops under BlockHound, which {@code blockhound-junit-platform}
 * installs for every test. It reads {@code /dev/urandom} through a {@code FileInputStream}, which BlockHound
 * flags, but that device never waits once the kernel's pool is initialised (Linux 5.6+); Netty allows its own
 * {@code SecureRandom} reads for the same reason. Everything else stays forbidden.
 */
public class RandomUuidBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
	}

}
