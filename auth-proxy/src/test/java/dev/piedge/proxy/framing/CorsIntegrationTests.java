package dev.piedge.proxy.framing;

import java.time.Duration;
import java.util.List;

import dev.piedge.proxy.GatewayIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend on another origin calls the proxy with the gateway's own CORS
 * ({@code globalcors} for {@code /api/**}, route metadata {@code cors} for
 * {@code /partner/**}; see {@code application-cors.yml}).
 */
@ActiveProfiles("cors")
class CorsIntegrationTests extends GatewayIntegrationTestSupport {

	static final String FRONTEND = "https://frontend.example";

	@Test
	void preflightFromAnAllowedOriginIsAnsweredBeforeAuthenticationWithoutPiOrBackend() {
		HttpHeaders headers = this.client.options()
			.uri("/api/orders")
			.header("Origin", FRONTEND)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders();

		assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(FRONTEND);
		assertThat(headers.getAccessControlAllowCredentials()).isTrue();
		assertThat(headers.getAccessControlAllowMethods()).extracting(Object::toString)
			.containsExactly("GET", "POST", "PUT", "DELETE");
		assertThat(headers.getAccessControlAllowHeaders()).containsExactly("content-type");
		assertThat(headers.getAccessControlMaxAge()).isEqualTo(600);
		assertThat(headers.getVary()).contains("Origin");
		assertThat(meCalls()).isZero();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void preflightFromAnotherOriginIsRefused() {
		this.client.options()
			.uri("/api/orders")
			.header("Origin", "https://elsewhere.example")
			.header("Access-Control-Request-Method", "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("cors_rejected");

		assertThat(meCalls()).isZero();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void preflightForAMethodOrHeaderNotAllowedIsRefused() {
		this.client.options()
			.uri("/api/orders/7")
			.header("Origin", FRONTEND)
			.header("Access-Control-Request-Method", "PATCH")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("cors_rejected");
		this.client.options()
			.uri("/api/orders/7")
			.header("Origin", FRONTEND)
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "x-custom")
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void crossOriginRequestFromAnAllowedOriginGetsTheCorsHeadersWithItsAnswer() {
		piKnows("alice-token", "uid-alice", "alice", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/api/orders")
			.header("Origin", FRONTEND)
			.header("Authorization", "Bearer alice-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", FRONTEND)
			.expectHeader()
			.valueEquals("Access-Control-Allow-Credentials", "true")
			.expectBody(String.class)
			.isEqualTo("backend-ok");

		assertThat(backendRequests()).singleElement()
			.satisfies(request -> assertThat(request.getHeader("X-Pi-Uid")).isEqualTo("uid-alice"));
	}

	@Test
	void crossOriginRequestFromAnotherOriginIsRefusedBeforePiAndTheBackend() {
		piKnows("alice-token", "uid-alice", "alice", List.of("username"), Duration.ofHours(1));

		this.client.get()
			.uri("/api/orders")
			.header("Origin", "https://elsewhere.example")
			.header("Authorization", "Bearer alice-token")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("cors_rejected");

		assertThat(meCalls()).isZero();
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void routeMetadataCorsAppliesToItsRouteOnly() {
		this.client.options()
			.uri("/partner/catalog")
			.header("Origin", "https://partner.example")
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "https://partner.example")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Credentials", "true");
		this.client.options()
			.uri("/partner/catalog")
			.header("Origin", FRONTEND)
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void pathsNoCorsConfigurationCoversIgnoreTheOrigin() {
		// Forms inside the Pi Browser's frame post with the app's own origin, or with
		// "null" after a cross-site redirect; neither is the business of the CORS
		// configuration of /api/**.
		this.client.post()
			.uri("/account/settings")
			.header("Origin", "null")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin");

		assertThat(backendRequests()).hasSize(1);
	}

}
