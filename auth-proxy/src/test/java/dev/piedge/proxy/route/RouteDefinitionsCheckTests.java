package dev.piedge.proxy.route;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.AddRequestHeaderGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.HeaderRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a rejected edit of the routes file says: the route id, the key, the problem, on
 * one line.
 */
class RouteDefinitionsCheckTests {

	private final RouteDefinitionsCheck check = check(new RoutePolicyService());

	@Test
	void acceptsAGoodRoute() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setFilters(
				List.of(new FilterDefinition("StripPrefix=1"), new FilterDefinition("AddRequestHeader=X-A, 1")));
		route.setMetadata(Map.of("pi-auth", "public"));

		assertThatNoException().isThrownBy(() -> this.check.check(List.of(route)));
	}

	@Test
	void namesAnUnknownPredicateByItsIndex() {
		assertThatThrownBy(
				() -> this.check.check(List.of(route("a", "Path=/a/**"), route("b", "Path=/b/**", "Nope=1"))))
			.isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': predicates[1] 'Nope' is not a known predicate");
	}

	@Test
	void namesAnUnknownFilterByItsIndex() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setFilters(List.of(new FilterDefinition("StripPrefix=1"), new FilterDefinition("Nope")));

		assertThatThrownBy(() -> this.check.check(List.of(route))).isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': filters[1] 'Nope' is not a known filter");
	}

	@Test
	void namesAFilterWhoseArgumentsDoNotBind() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setFilters(List.of(new FilterDefinition("StripPrefix=two")));

		assertThatThrownBy(() -> this.check.check(List.of(route))).isInstanceOf(InvalidRoutesException.class)
			.hasMessageStartingWith("Route 'b': filters[0] 'StripPrefix' has arguments it cannot take: ")
			.hasMessageContaining("two")
			.hasMessageNotContaining("\n");
	}

	@Test
	void namesARouteWithoutPredicates() {
		assertThatThrownBy(() -> this.check.check(List.of(route("b")))).isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': predicates must not be empty");
	}

	@Test
	void namesARouteWithoutUri() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setUri(null);

		assertThatThrownBy(() -> this.check.check(List.of(route))).isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': uri is missing");
	}

	@Test
	void passesOnPiEdgeMetadataErrorsAsTheValidatorWroteThem() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setMetadata(Map.of("pi-auth", "sometimes"));

		assertThatThrownBy(() -> this.check.check(List.of(route))).isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': metadata 'pi-auth' is 'sometimes'; it must be one of required, optional, public");
	}

	@Test
	void runsEveryValidatorBeanAndNamesTheRouteWhenItsMessageDoesNot() {
		RouteDefinitionValidator limiter = (route) -> {
			if (route.getMetadata().containsKey("pi-limit")) {
				throw new IllegalArgumentException("metadata 'pi-limit' must be a number");
			}
		};
		RouteDefinition route = route("b", "Path=/b/**");
		route.setMetadata(Map.of("pi-limit", "many"));

		assertThatThrownBy(() -> check(limiter).check(List.of(route))).isInstanceOf(InvalidRoutesException.class)
			.hasMessage("Route 'b': metadata 'pi-limit' must be a number");
	}

	@Test
	void startUpChecksRunTheValidatorsAndThrowWhatTheyThrow() {
		RouteDefinition route = route("b", "Path=/b/**");
		route.setMetadata(Map.of("pi-auth", "sometimes"));

		assertThatThrownBy(() -> this.check.checkMetadata(route)).isInstanceOf(InvalidRoutePolicyException.class);
	}

	private static RouteDefinition route(String id, String... predicates) {
		RouteDefinition route = new RouteDefinition();
		route.setId(id);
		route.setUri(URI.create("http://127.0.0.1:8081"));
		route.setPredicates(List.of(predicates).stream().map(PredicateDefinition::new).toList());
		return route;
	}

	private static RouteDefinitionsCheck check(RouteDefinitionValidator... validators) {
		Validator beanValidator = Validation.buildDefaultValidatorFactory().getValidator();
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("validator", beanValidator);
		LocalValidatorFactoryBean springValidator = new LocalValidatorFactoryBean();
		springValidator.afterPropertiesSet();
		ConfigurationService configuration = new ConfigurationService(beans, DefaultFormattingConversionService::new,
				() -> springValidator);
		return new RouteDefinitionsCheck(List.of(validators), beans.getBeanProvider(Validator.class),
				List.of(new PathRoutePredicateFactory(new WebFluxProperties()), new HeaderRoutePredicateFactory()),
				List.of(new StripPrefixGatewayFilterFactory(), new AddRequestHeaderGatewayFilterFactory()),
				configuration);
	}

}
