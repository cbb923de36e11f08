package dev.piedge.proxy.filter;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** Hop-by-hop headers stay on the client's hop, with or without a Connection header to name more of them. */
class HopByHopHeaderIntegrationTests extends GatewayIntegrationTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	List<HttpHeadersFilter> headersFilters;

	@Test
	void gatewayRunsTheCopyFreeHeaderFilters() {
		assertThat(this.headersFilters).filteredOn(RemoveHopByHopHeadersFilter.class::isInstance)
			.singleElement()
			.isInstanceOf(CopyFreeHeadersFilterPostProcessor.CopyFreeRemoveHopByHop.class);
		assertThat(this.headersFilters).filteredOn(RemoveForwardedHeadersFilter.class::isInstance)
			.singleElement()
			.isInstanceOf(CopyFreeHeadersFilterPostProcessor.CopyFreeRemoveForwarded.class);
		assertThat(this.headersFilters).filteredOn(RemoveXForwardedHeadersFilter.class::isInstance)
			.singleElement()
			.isInstanceOf(CopyFreeHeadersFilterPostProcessor.CopyFreeRemoveXForwarded.class);
	}

	@Test
	void dropsHopByHopHeadersWhenTheClientSendsNoConnectionHeader() {
		this.client.get()
			.uri("/public/home")
			.header("Keep-Alive", "timeout=5")
			.header("TE", "trailers")
			.header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
			.header("X-Kept", "yes")
			.exchange()
			.expectStatus()
			.isOk();

		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("X-Kept")).isEqualTo("yes");
		assertThat(forwarded.containsHeader("Keep-Alive")).isFalse();
		assertThat(forwarded.containsHeader("TE")).isFalse();
		assertThat(forwarded.containsHeader("Proxy-Authorization")).isFalse();
	}

	@Test
	void dropsTheHeadersTheClientsConnectionHeaderNames() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "Connection: X-Hop-Secret",
				"X-Hop-Secret: s3cret", "X-Kept: yes");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeader("X-Kept")).isEqualTo("yes");
		assertThat(forwarded.containsHeader("X-Hop-Secret")).isFalse();
	}

	private static LoggedRequest onlyBackendRequest() {
		assertThat(backendRequests()).hasSize(1);
		return backendRequests().get(0);
	}

}
