package dev.piedge.sidecar.apikey;

import java.util.List;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Key management for the operator, on the sidecar's management port (bound to 127.0.0.1
 * by default, like health and metrics), at {@code /actuator/apikeys}: {@code POST}
 * creates a key ({@code {"label": "ci", "permissions": "payouts:write"}}) and answers it
 * whole, once; {@code GET} lists the keys without secrets; {@code DELETE
 * /actuator/apikeys/{id}} revokes one. Actuator reads a write operation's JSON body as
 * strings, so {@code permissions} is one comma-separated string. The endpoint exists only
 * while the management port is not the API's port, so no caller of the API can mint keys.
 */
@Component
@Endpoint(id = "apikeys")
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ApiKeyEndpoint {

	private final ApiKeyService keys;

	ApiKeyEndpoint(ApiKeyService keys) {
		this.keys = keys;
	}

	@ReadOperation
	Mono<List<ApiKeyView>> list() {
		return this.keys.list().map(ApiKeyView::of).collectList();
	}

	@WriteOperation
	Mono<WebEndpointResponse<ApiKeyView>> create(String label, List<String> permissions) {
		return this.keys.create(label, permissions)
			.map(created -> new WebEndpointResponse<>(ApiKeyView.created(created), 201));
	}

	@DeleteOperation
	Mono<ApiKeyView> revoke(@Selector String id) {
		return this.keys.revoke(id)
			.map(ApiKeyView::of)
			.switchIfEmpty(Mono.error(() -> ApiKeyNotFoundException.create()));
	}

}
