package dev.piedge.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The pi-edge gateway: one public hostname in front of every backend, where Pi access
 * tokens become verified identity headers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthProxyApplication {

	/** Reactor Netty's own setting, read once when its event loops are first created. */
	static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

	public static void main(String[] args) {
		sizeEventLoopsToCpus();
		SpringApplication.run(AuthProxyApplication.class, args);
	}

	/**
	 * One event loop per CPU the JVM may use, as nginx ({@code worker_processes auto})
	 * and Envoy size theirs. Reactor Netty's default is at least four, so on a one- or
	 * two-CPU container the loops take turns on the same CPU and a request waits out the
	 * other loops' time slices: measured on one CPU, saturated p99 fell from about 13 ms
	 * to about 8 ms with one loop. An explicit {@code -Dreactor.netty.ioWorkerCount}
	 * still wins.
	 */
	static void sizeEventLoopsToCpus() {
		if (System.getProperty(IO_WORKER_COUNT) == null) {
			System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
	}

}
