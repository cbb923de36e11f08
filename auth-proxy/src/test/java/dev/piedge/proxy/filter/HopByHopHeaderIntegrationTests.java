package dev.piedge.proxy.filter;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.piedge.proxy.GatewayIntegrationTestSupport;
import dev.piedge.proxy.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hop-by-hop headers stay on the client's hop, with or without a Connection header to
 * name more of them.
 */
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

	/**
	 * Each line is one set of client headers that once could, or might, take pi-edge's
	 * own headers away.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Connection: close, X-Pi-Uid, X-Pi-Username, X-Pi-Identity",
			"Connection: keep-alive, x-pi-uid|Connection: X-PI-USERNAME|Connection: x-pi-identity",
			"Connection: X_Pi_Uid, X-Pi-Identity|X_Pi_Uid: spoofed", "Connection: TE, X-Pi-Uid|TE: trailers, X-Pi-Uid",
			"Keep-Alive: X-Pi-Uid, timeout=5|Connection: Keep-Alive, X-Pi-Identity",
			"Upgrade: X-Pi-Uid|Connection: Upgrade, X-Pi-Username",
			"Upgrade: h2c|Connection: Upgrade, HTTP2-Settings, X-Pi-Identity|HTTP2-Settings: AAMAAABkAAQAAP__",
			"Connection: X-Forwarded-For, X-Forwarded-Host, Forwarded, X-Pi-Uid" })
	void verifiedRequestKeepsExactlyOneOfEachIdentityHeaderWhateverTheHopHeadersSay(String clientHeaders)
			throws Exception {
		piKnows("alice-token", "uid-alice", "alice", List.of("username"), Duration.ofHours(1));
		String[] lines = (clientHeaders + "|Authorization: Bearer alice-token").split("\\|");

		RawHttp.Answer answer = RawHttp.get(this.port, "/optional/home", lines);

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Uid").values()).containsExactly("uid-alice");
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Username").values()).containsExactly("alice");
		assertThat(forwarded.getHeaders().getHeader("X-Pi-Identity").values()).singleElement()
			.asString()
			.startsWith("ey");
		assertThat(forwarded.getHeaders().getHeader("X-Forwarded-For").values()).containsExactly("127.0.0.1");
		assertThat(forwarded.containsHeader("Connection")).isFalse();
	}

	@Test
	void anonymousRequestNamingIdentityHeadersInConnectionReachesTheBackendWithNone() throws Exception {
		RawHttp.Answer answer = RawHttp.get(this.port, "/optional/home", "Connection: X-Pi-Uid, X-Kept",
				"X-Pi-Uid: spoofed", "X_Pi_Username: spoofed", "X-Kept: dropped-as-hop-by-hop");

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getHeaders().all()).noneMatch(header -> header.key().toLowerCase().contains("pi"));
		assertThat(forwarded.containsHeader("X-Kept")).isFalse();
	}

	@Test
	void connectionCloseStillClosesTheClientsConnection() throws Exception {
		// RawHttp reads until the server closes; it would time out if "close" were lost
		// with the named headers.
		RawHttp.Answer answer = RawHttp.get(this.port, "/public/home", "Connection: close, X-Hop-Secret",
				"X-Hop-Secret: s3cret");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).containsIgnoringCase("connection: close");
		assertThat(onlyBackendRequest().containsHeader("X-Hop-Secret")).isFalse();
	}

	@Test
	void hostAndContentLengthNamedInConnectionStillFrameTheForwardedRequest() throws Exception {
		String body = "{\"a\":1}";
		RawHttp.Answer answer = RawHttp.send(this.port, "POST /public/items HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close, Content-Length, Host\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length() + "\r\n\r\n" + body);

		assertThat(answer.status()).isEqualTo(200);
		LoggedRequest forwarded = onlyBackendRequest();
		assertThat(forwarded.getBodyAsString()).isEqualTo(body);
		assertThat(forwarded.getHeader("Content-Length")).isEqualTo(Integer.toString(body.length()));
	}

	private static LoggedRequest onlyBackendRequest() {
		assertThat(backendRequests()).hasSize(1);
		return backendRequests().get(0);
	}

}
