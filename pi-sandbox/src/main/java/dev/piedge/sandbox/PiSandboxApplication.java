package dev.piedge.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Local emulator of the Pi Network Platform API ({@code /v2/me},
 * {@code /v2/payments/...}) plus {@code /sandbox/...} endpoints that play the wallet and
 * blockchain side. For demos and end-to-end tests only.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PiSandboxApplication {

	public static void main(String[] args) {
		SpringApplication.run(PiSandboxApplication.class, args);
	}

}
