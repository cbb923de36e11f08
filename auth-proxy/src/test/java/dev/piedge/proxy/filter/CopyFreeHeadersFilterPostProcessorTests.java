package dev.piedge.proxy.filter;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CopyFreeHeadersFilterPostProcessorTests {

	private final CopyFreeHeadersFilterPostProcessor processor = new CopyFreeHeadersFilterPostProcessor();

	private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

	@Test
	void handsOnTheSameHeadersWhenNoFilterHasAnythingToDrop() {
		HttpHeaders headers = browserHeaders();
		headers.set("X-Pi-Uid", "uid-1");

		for (HttpHeadersFilter filter : copyFreeFilters()) {
			assertThat(filter.filter(headers, this.exchange)).as(filter.getClass().getSimpleName()).isSameAs(headers);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("headersToDrop")
	void dropsExactlyWhatTheGatewaysOwnFilterDrops(String header, String value) {
		HttpHeaders headers = browserHeaders();
		headers.add(header, value);
		List<HttpHeadersFilter> gateways = gatewayFilters();
		List<HttpHeadersFilter> copyFree = copyFreeFilters();

		for (int i = 0; i < gateways.size(); i++) {
			HttpHeaders expected = gateways.get(i).filter(headers, this.exchange);
			HttpHeaders actual = copyFree.get(i).filter(headers, this.exchange);
			assertThat(actual.toSingleValueMap()).as(gateways.get(i).getClass().getSimpleName())
				.isEqualTo(expected.toSingleValueMap());
		}
		assertThat(HttpHeadersFilter.filter(copyFree, headers, this.exchange, HttpHeadersFilter.Type.REQUEST)
			.containsHeader(header)).isFalse();
	}

	static Stream<Arguments> headersToDrop() {
		return Stream.of(Arguments.of("Connection", "close"), Arguments.of("connection", "keep-alive"),
				Arguments.of("Keep-Alive", "timeout=5"), Arguments.of("TE", "trailers"),
				Arguments.of("Transfer-Encoding", "chunked"), Arguments.of("Proxy-Authorization", "Basic eA=="),
				Arguments.of("Upgrade", "websocket"), Arguments.of("Forwarded", "for=6.6.6.6"),
				Arguments.of("forwarded", "for=6.6.6.7"), Arguments.of("X-Forwarded-For", "6.6.6.8"),
				Arguments.of("x-FORWARDED-host", "evil.example"));
	}

	@Test
	void dropsTheHeadersAConnectionHeaderNames() {
		HttpHeaders headers = browserHeaders();
		headers.set("Connection", "keep-alive, X-Hop-Secret");
		headers.set("X-Hop-Secret", "s3cret");

		HttpHeaders filtered = copyFreeFilters().get(0).filter(headers, this.exchange);

		assertThat(filtered.containsHeader("X-Hop-Secret")).isFalse();
		assertThat(filtered.containsHeader("Connection")).isFalse();
		assertThat(filtered.getFirst("Accept")).isEqualTo("application/json");
	}

	@Test
	void keepsTheHopByHopHeadersConfiguredOnTheGatewaysFilter() {
		RemoveHopByHopHeadersFilter configured = new RemoveHopByHopHeadersFilter();
		configured.setHeaders(Set.of("X-Internal-Hop"));
		configured.setOrder(42);

		Object replaced = this.processor.postProcessAfterInitialization(configured, "removeHopByHopHeadersFilter");

		assertThat(replaced).isInstanceOf(RemoveHopByHopHeadersFilter.class).isNotSameAs(configured);
		RemoveHopByHopHeadersFilter copyFree = (RemoveHopByHopHeadersFilter) replaced;
		assertThat(copyFree.getHeaders()).containsExactly("x-internal-hop");
		assertThat(copyFree.getOrder()).isEqualTo(42);
		HttpHeaders headers = browserHeaders();
		headers.set("X-Internal-Hop", "1");
		assertThat(copyFree.filter(headers, this.exchange).containsHeader("X-Internal-Hop")).isFalse();
	}

	@Test
	void leavesEveryOtherBeanAlone() {
		Object other = new Object();
		assertThat(this.processor.postProcessAfterInitialization(other, "other")).isSameAs(other);
		Object copyFree = copyFreeFilters().get(0);
		assertThat(this.processor.postProcessAfterInitialization(copyFree, "again")).isSameAs(copyFree);
	}

	private static List<HttpHeadersFilter> gatewayFilters() {
		return List.of(new RemoveHopByHopHeadersFilter(), new RemoveForwardedHeadersFilter(),
				new RemoveXForwardedHeadersFilter());
	}

	private List<HttpHeadersFilter> copyFreeFilters() {
		return gatewayFilters().stream()
			.map(filter -> (HttpHeadersFilter) this.processor.postProcessAfterInitialization(filter, "filter"))
			.toList();
	}

	private static HttpHeaders browserHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Host", "shop.example");
		headers.set("Accept", "application/json");
		headers.set("User-Agent", "PiBrowser/2.0");
		return headers;
	}

}
