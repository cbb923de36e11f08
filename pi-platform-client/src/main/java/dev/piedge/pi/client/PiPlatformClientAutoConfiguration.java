package dev.piedge.pi.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;

/**
 * Provides a {@link PiPlatformClient} bound to {@code pi.api.*} unless the application
 * defines its own.
 *
 * <p>
 * It starts from the application's {@link WebClient.Builder} bean when there is one (so
 * its observation filters apply) and from {@link WebClient#builder()} otherwise, and uses
 * the application's {@link Clock} bean when there is one.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(PiApiProperties.class)
public class PiPlatformClientAutoConfiguration {

	/**
	 * The Pi Platform API client.
	 * @param properties the bound {@code pi.api.*} settings
	 * @param webClientBuilder the application's builder, if any
	 * @param clock the application's clock, if any
	 * @return the client
	 */
	@Bean
	@ConditionalOnMissingBean
	public PiPlatformClient piPlatformClient(PiApiProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<Clock> clock) {
		return new PiPlatformClient(properties, webClientBuilder.getIfAvailable(WebClient::builder),
				clock.getIfAvailable(Clock::systemUTC));
	}

}
