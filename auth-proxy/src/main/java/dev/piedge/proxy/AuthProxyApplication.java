package dev.piedge.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The pi-edge gateway: one public hostname in front of every backend, where Pi access tokens become
 * verified identity headers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthProxyApplication.class, args);
	}

}
