package dev.piedge.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the guard: {@code blockhound-junit-platform} installs BlockHound for every test
 * in this module, so a blocking call on a Netty event loop or a Reactor non-blocking
 * thread fails the test that made it. These tests fail if BlockHound is not installed, or
 * stops treating those threads as non-blocking.
 */
class BlockingCallDetectionTests {

	@Test
	void failsABlockingCallOnAReactorNonBlockingThread() {
		Mono<String> sleeping = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());

		StepVerifier.create(sleeping).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void failsABlockingCallOnANettyEventLoop() throws Exception {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		try {
			Future<?> sleeping = group.submit(() -> {
				Thread.sleep(1);
				return "slept";
			});
			sleeping.await(5, TimeUnit.SECONDS);

			assertThat(sleeping.cause()).isInstanceOf(BlockingOperationError.class);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

}
