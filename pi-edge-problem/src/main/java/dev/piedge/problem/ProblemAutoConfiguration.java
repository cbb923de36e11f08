package dev.piedge.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Registers the problem+json handler ahead of Boot's default error handler (order -1).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemAutoConfiguration {

	@Bean
	@Order(-2)
	ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler() {
		return new ProblemErrorWebExceptionHandler();
	}

}
