package dev.piedge.proxy.framing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.stereotype.Component;

/**
 * Gives the gateway's route handler mapping, which applies {@code globalcors} and route
 * metadata {@code cors}, the {@link ProblemCorsProcessor}. The gateway offers no setting
 * for it.
 */
@Component
class ProblemCorsProcessorPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RoutePredicateHandlerMapping mapping) {
			mapping.setCorsProcessor(new ProblemCorsProcessor());
		}
		return bean;
	}

}
