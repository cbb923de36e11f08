package dev.piedge.sidecar.apikey;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Keys are minted only on a management port of its own: were it the API's port, every
 * caller of the API could reach {@code /actuator/apikeys}.
 */
class ApiKeyEndpointTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withBean(ApiKeyService.class, () -> mock(ApiKeyService.class))
		.withUserConfiguration(ApiKeyEndpoint.class);

	@Test
	void existsWhenTheManagementPortIsItsOwn() {
		this.runner.withPropertyValues("server.port=8082", "management.server.port=9082")
			.run(context -> assertThat(context).hasSingleBean(ApiKeyEndpoint.class));
	}

	@Test
	void doesNotExistOnTheApisPort() {
		this.runner.withPropertyValues("server.port=8082", "management.server.port=8082")
			.run(context -> assertThat(context).doesNotHaveBean(ApiKeyEndpoint.class));
		this.runner.withPropertyValues("server.port=8082")
			.run(context -> assertThat(context).doesNotHaveBean(ApiKeyEndpoint.class));
	}

}
