package dev.piedge.proxy.session;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class NavigationIntegrationTests extends SessionIntegrationTestSupport {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void aPageLoadWithoutASessionGoesToSignInAndComesBack() {
		this.client.get()
			.uri("/account/orders?page=2&sort=new")
			.header("Sec-Fetch-Mode", "navigate")
			.header("Accept", BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/pi-edge/sign-in?rd=%2Faccount%2Forders%3Fpage%3D2%26sort%3Dnew")
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(backendRequests()).isEmpty();
	}

	@Test
	void withoutFetchMetadataAnAcceptPreferringHtmlIsAPageLoad() {
		this.client.get().uri("/account").header("Accept", BROWSER_ACCEPT).exchange().expectStatus().isFound();
		this.client.head().uri("/account").header("Accept", "text/html").exchange().expectStatus().isFound();
	}

	@Test
	void scriptsImagesAndApiClientsKeepThe401() {
		this.client.get()
			.uri("/account")
			.header("Sec-Fetch-Mode", "cors")
			.header("Accept", BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.exists(HttpHeaders.WWW_AUTHENTICATE);
		this.client.get().uri("/account").header("Accept", "*/*").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/account")
			.header("Accept", "application/json, text/html;q=0.5")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get().uri("/account").exchange().expectStatus().isUnauthorized();
		this.client.post()
			.uri("/account")
			.header("Sec-Fetch-Mode", "navigate")
			.header("Accept", BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void optionalRoutesLetAnonymousPageLoadsThrough() {
		this.client.get().uri("/optional/home").header("Sec-Fetch-Mode", "navigate").exchange().expectStatus().isOk();
	}

	@Test
	void anInvalidBearerTokenIsStillA401EvenOnAPageLoad() {
		piRejects("stale-token");

		this.client.get()
			.uri("/account")
			.header("Sec-Fetch-Mode", "navigate")
			.header("Authorization", "Bearer stale-token")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

}
