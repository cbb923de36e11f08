package dev.piedge.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * pi-edge's exceptions to "no blocking call on a non-blocking thread", applied wherever
 * {@code blockhound-junit-platform} installs BlockHound. Each is a wait that cannot
 * involve I/O or another request's progress; everything else stays forbidden.
 */
public class PiEdgeBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// SecureRandom (ES256 signatures, random UUIDs) reads /dev/urandom through a
		// FileInputStream. That
		// device never waits once the kernel's pool is initialised (Linux 5.6+); Netty
		// allows the same read.
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
		// Jackson builds each type's deserializer once, under a lock. A second thread
		// that needs the same type
		// at that moment waits for the (CPU-only) build: at warm-up, never on I/O. Hot
		// paths we own resolve
		// their readers up front anyway (WebhookCodec); this covers Jackson inside
		// Spring's codecs and clients.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
	}

}
