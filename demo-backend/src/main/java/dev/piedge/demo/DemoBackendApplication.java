package dev.piedge.demo;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * A stand-in for the legacy backend that pi-edge is placed in front of, with no Pi code.
 * A small server-rendered shop (package {@code shop}) greets the visitor the proxy names
 * in {@code X-Pi-Uid}; every other request is echoed, so a developer can see exactly
 * which headers the proxy removed and injected.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoBackendApplication {

	/** Time for the webhook's timestamp check; tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(DemoBackendApplication.class, args);
	}

}
