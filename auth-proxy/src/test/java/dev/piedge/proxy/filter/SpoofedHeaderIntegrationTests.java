package dev.piedge.proxy.filter;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

class SpoofedHeaderIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/public/home", "/optional/page" })
	void stripsEverySpellingOfIdentityHeadersOnUnauthenticatedRoutes(String path) throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, path, "X-Pi-Uid: forged-1", "x-pi-uid: forged-2",
				"X_Pi_Uid: forged-3", "X-PI-USERNAME: forged-4", "x_pi_identity: forged-5", "X-Pi-Anything: forged-6",
				"X-Pi-Uid: forged-7");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(identityLikeHeaders(onlyBackendRequest())).isEmpty();
	}

	@Test
	void replacesForgedIdentityWithTheVerifiedOneOnAuthenticatedRoutes() throws Exception {
		piKnows("real-token", "uid-real", "real", List.of("username"), Duration.ofHours(1));

		RawHttp.Answer answer = RawHttp.get(this.port, "/orders", "Authorization: Bearer real-token",
				"X-Pi-Uid: forged", "X_Pi_Uid: forged", "x-pi-username: mallory");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Uid").values()).containsExactly("uid-real");
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Username").values()).containsExactly("real");
		assertThat(identityLikeHeaders(forwarded)).extracting(HttpHeader::key).allMatch(name -> !name.contains("_"));
	}

	@Test
	void dropsClientForwardedHeadersFromUntrustedPeers() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "X-Forwarded-For: 6.6.6.6",
				"X_Forwarded_For: 6.6.6.7", "Forwarded: for=6.6.6.8", "X-Forwarded-Host: evil.example",
				"X-Forwarded-Proto: https");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().all()).noneMatch(header -> header.values()
			.stream()
			.anyMatch(value -> value.contains("6.6.6") || value.contains("evil.example") || value.contains("https")));
	}

	private static List<HttpHeader> identityLikeHeaders(LoggedRequest request) {
		return request.getHeaders()
			.all()
			.stream()
			.filter(header -> SpoofedHeaderWebFilter.fold(header.key()).startsWith("x-pi-"))
			.filter(header -> header.values()
				.stream()
				.anyMatch(value -> value.startsWith("forged") || value.equals("mallory")))
			.toList();
	}

	private static LoggedRequest onlyBackendRequest() {
		List<LoggedRequest> requests = backendRequests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
