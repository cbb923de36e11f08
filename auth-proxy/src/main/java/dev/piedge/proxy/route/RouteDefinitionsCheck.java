package dev.piedge.proxy.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The checks a route passes before it is served. At start-up the gateway binds, validates
 * and builds the configured routes itself, and this adds pi-edge's metadata checks (every
 * {@link RouteDefinitionValidator} bean). An edited routes file gets all of them here,
 * before any of its routes is served: jakarta validation of the definition as the
 * gateway's properties have, each predicate and filter looked up and its arguments bound
 * and applied as {@code RouteDefinitionRouteLocator} does, then the metadata checks.
 */
@Component
class RouteDefinitionsCheck {

	private final List<RouteDefinitionValidator> validators;

	private final ObjectProvider<Validator> beanValidator;

	private final Map<String, RoutePredicateFactory<?>> predicates = new LinkedHashMap<>();

	private final Map<String, GatewayFilterFactory<?>> filters = new LinkedHashMap<>();

	private final ConfigurationService configurationService;

	RouteDefinitionsCheck(List<RouteDefinitionValidator> validators, ObjectProvider<Validator> beanValidator,
			List<RoutePredicateFactory<?>> predicates, List<GatewayFilterFactory<?>> filters,
			ConfigurationService configurationService) {
		this.validators = List.copyOf(validators);
		this.beanValidator = beanValidator;
		predicates.forEach(factory -> this.predicates.put(factory.name(), factory));
		filters.forEach(factory -> this.filters.put(factory.name(), factory));
		this.configurationService = configurationService;
	}

	/**
	 * pi-edge's metadata checks alone, for routes the gateway itself has bound; a failure
	 * is thrown as the validator threw it.
	 */
	void checkMetadata(RouteDefinition route) {
		for (RouteDefinitionValidator validator : this.validators) {
			validator.validate(route);
		}
	}

	/**
	 * Every check, for routes bound from an edited routes file.
	 * @throws InvalidRoutesException naming the first route and key that fail
	 */
	void check(List<RouteDefinition> routes) {
		for (RouteDefinition route : routes) {
			checkDefinition(route);
			for (int i = 0; i < route.getPredicates().size(); i++) {
				checkPredicate(route.getId(), i, route.getPredicates().get(i));
			}
			for (int i = 0; i < route.getFilters().size(); i++) {
				checkFilter(route.getId(), i, route.getFilters().get(i));
			}
			try {
				checkMetadata(route);
			}
			catch (RuntimeException ex) {
				String message = String.valueOf(ex.getMessage());
				throw InvalidRoutesException
					.invalid(message.startsWith("Route '") ? message : "Route '" + route.getId() + "': " + message);
			}
		}
	}

	private void checkDefinition(RouteDefinition route) {
		if (route.getUri() == null) {
			throw InvalidRoutesException.invalid(route.getId(), "uri", "is missing");
		}
		Validator validator = this.beanValidator.getIfAvailable();
		if (validator == null) {
			return;
		}
		for (ConstraintViolation<RouteDefinition> violation : validator.validate(route)) {
			throw InvalidRoutesException.invalid(route.getId(), String.valueOf(violation.getPropertyPath()),
					violation.getMessage());
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void checkPredicate(String routeId, int index, PredicateDefinition predicate) {
		String key = "predicates[" + index + "] '" + predicate.getName() + "'";
		RoutePredicateFactory factory = this.predicates.get(predicate.getName());
		if (factory == null) {
			throw InvalidRoutesException.invalid(routeId, key, "is not a known predicate");
		}
		try {
			factory.applyAsync(this.configurationService.with(factory)
				.name(predicate.getName())
				.properties(predicate.getArgs())
				.bind());
		}
		catch (RuntimeException ex) {
			throw InvalidRoutesException.invalid(routeId, key, "has arguments it cannot take: " + describe(ex));
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void checkFilter(String routeId, int index, FilterDefinition filter) {
		String key = "filters[" + index + "] '" + filter.getName() + "'";
		GatewayFilterFactory factory = this.filters.get(filter.getName());
		if (factory == null) {
			throw InvalidRoutesException.invalid(routeId, key, "is not a known filter");
		}
		try {
			Object config = this.configurationService.with(factory)
				.name(filter.getName())
				.properties(filter.getArgs())
				.bind();
			if (config instanceof HasRouteId hasRouteId) {
				hasRouteId.setRouteId(routeId);
			}
			factory.apply(config);
		}
		catch (RuntimeException ex) {
			throw InvalidRoutesException.invalid(routeId, key, "has arguments it cannot take: " + describe(ex));
		}
	}

	private static String describe(RuntimeException ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return (cause == ex || ex.getMessage() == null) ? String.valueOf(cause.getMessage())
				: ex.getMessage() + ": " + cause.getMessage();
	}

}
