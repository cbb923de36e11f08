package dev.piedge.bench.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare Spring Cloud Gateway with one route to the benchmark's backend
 * ({@code application.yml}) and the framework's default settings. It is not shipped:
 * {@code bench/proxy-bench.sh} runs it beside auth-proxy, in the same rounds, so every
 * pi-edge setup is measured as a ratio to the gateway it is built on.
 */
@SpringBootApplication
public class BenchGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchGatewayApplication.class, args);
	}

}
