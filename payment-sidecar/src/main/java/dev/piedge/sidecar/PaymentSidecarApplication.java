package dev.piedge.sidecar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the server side of the Pi payment handshake and keeps the payment ledger.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentSidecarApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentSidecarApplication.class, args);
	}

}
