package dev.piedge.sidecar.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.publisher.Mono;

/**
 * Builds the one {@link OrderVerifier} the configured mode asks for.
 */
@Configuration(proxyBeanMethods = false)
class OrderVerifierConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OrderVerifierConfiguration.class);

	@Bean
	OrderVerifier orderVerifier(OrderVerificationProperties properties) {
		return switch (properties.mode()) {
			case CATALOG -> new CatalogOrderVerifier(properties.catalog());
			case HOOK -> new HookOrderVerifier(properties.hook());
			case ACCEPT_ALL -> {
				log.warn("pi.payments.verification.mode is accept-all: every payment of the right direction and "
						+ "network is approved, whatever its amount. Use catalog or hook in production.");
				yield payment -> Mono.just(OrderVerdict.accept());
			}
		};
	}

}
