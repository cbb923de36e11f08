package dev.piedge.sidecar.checkout;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link, the page and the backend API, straight at the real sidecar.
 */
class CheckoutEndpointsIntegrationTests extends CheckoutIntegrationTestSupport {

	@LocalServerPort
	int serverPort;

	private static final String BODY = """
			{"line_items":[{"product":"green-tea","quantity":2},{"product":"cup","quantity":1}],
			 "success_url":"/orders/{CHECKOUT_SESSION_ID}/thanks?x=1","cancel_url":"/cart?cs=%7Bcheckout_session_id%7D",
			 "client_reference_id":"order-42","metadata":{"order":42}}""";

	@Test
	void theLinkCreatesASessionForTheSignedInBuyerAndRedirectsToItsPage() {
		String session = linkSession(ALICE, "green-tea", 3);
		assertThat(session).matches("cs_[A-Za-z0-9_-]{32}");
		assertThat(sessionColumn(session, "uid")).isEqualTo(ALICE);
		assertThat(sessionColumn(session, "total")).isEqualTo("9.4200000");
		assertThat(sessionColumn(session, "owner")).isEqualTo("link");
	}

	@Test
	void theLinkNeedsASignedInBuyer() {
		this.client.get()
			.uri("/pi-edge/checkout?product=green-tea&quantity=1&success_url=/a&cancel_url=/b")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("identity_required");
	}

	@Test
	void theLinkAndThePageRefuseAnAssertionForAnotherRoute() {
		String session = linkSession(ALICE, "green-tea", 1);
		for (String path : List.of("/pi-edge/checkout?product=green-tea&success_url=/a&cancel_url=/b",
				"/pi-edge/checkout/" + session)) {
			this.client.get()
				.uri(path)
				.header("X-Pi-Identity", identity(ALICE))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_identity");
		}
	}

	@Test
	void theLinkRefusesUnknownProductsAndBadQuantitiesWith400() {
		for (String query : List.of("product=gold&quantity=1", "product=green-tea&quantity=0",
				"product=green-tea&quantity=101", "product=green-tea&quantity=x", "quantity=1",
				"product=green-tea&quantity=1&price=0.01&amount=0.01")) {
			String url = "/pi-edge/checkout?" + query + (query.contains("price") ? "&success_url=//evil" : "")
					+ "&success_url=/a&cancel_url=/b";
			this.client.get()
				.uri(url)
				.header("X-Pi-Identity", buyer(ALICE))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_checkout");
		}
	}

	@Test
	void refusesOpenRedirectsInBothUrls() {
		String key = apiKey("checkout:write");
		for (String field : List.of("success_url", "cancel_url")) {
			for (String url : List.of("//evil.example", "/\\\\evil.example", "https://evil.example",
					"%2F%2Fevil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "/\\tevil", "/\\n/evil.example",
					"/ok\\u0000", "javascript:alert(1)", "evil.example", "")) {
				String body = "{\"line_items\":[{\"product\":\"green-tea\"}],\"success_url\":\"/a\",\"cancel_url\":\"/b\","
						+ "\"" + field + "\":\"" + url + "\"}";
				createSession(key, UUID.randomUUID().toString(), body).expectStatus()
					.isBadRequest()
					.expectBody()
					.jsonPath("$.code")
					.isEqualTo("invalid_checkout");
			}
		}
		for (String url : List.of("%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example",
				"%2F%09%2Fevil.example")) {
			this.client.get()
				.uri(URI.create("http://localhost:" + this.serverPort
						+ "/pi-edge/checkout?product=green-tea&success_url=" + url + "&cancel_url=/b"))
				.header("X-Pi-Identity", buyer(ALICE))
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
	}

	@Test
	void theApiCreatesASessionPricedFromTheCatalogWithItsIdInTheUrls() {
		String key = apiKey("checkout:write");
		EntityExchangeResult<byte[]> created = createSession(key, "create-1", BODY).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("open")
			.jsonPath("$.payment_status")
			.isEqualTo("unpaid")
			.jsonPath("$.uid")
			.isEmpty()
			.jsonPath("$.total")
			.isEqualTo("6.3800001")
			.jsonPath("$.line_items[0].unit_amount")
			.isEqualTo("3.14")
			.jsonPath("$.line_items[0].amount")
			.isEqualTo("6.28")
			.jsonPath("$.line_items[0].name")
			.isEqualTo("<b>Green</b> \"tea\" & co")
			.jsonPath("$.client_reference_id")
			.isEqualTo("order-42")
			.jsonPath("$.metadata.order")
			.isEqualTo(42)
			.returnResult();
		String json = new String(created.getResponseBody());
		Matcher id = Pattern.compile("\"id\":\"(cs_[^\"]+)\"").matcher(json);
		assertThat(id.find()).isTrue();
		String session = id.group(1);
		assertThat(json).contains("\"success_url\":\"/orders/" + session + "/thanks?x=1\"")
			.contains("\"cancel_url\":\"/cart?cs=" + session + "\"")
			.contains("\"url\":\"/pi-edge/checkout/" + session + "\"");
		assertThat(created.getResponseHeaders().getLocation()).hasToString("/pi-edge/api/checkout/sessions/" + session);
		this.client.get()
			.uri("/pi-edge/api/checkout/sessions/" + session)
			.header("Authorization", "Bearer " + key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(session);
	}

	@Test
	void theApiIgnoresPricesAndNamesInTheRequest() {
		String key = apiKey("checkout:write");
		createSession(key, UUID.randomUUID().toString(),
				"{\"line_items\":[{\"product\":\"green-tea\",\"quantity\":1,\"price\":\"0.01\",\"name\":\"x\","
						+ "\"unit_amount\":\"0.01\"}],\"total\":\"0.01\",\"memo\":\"free\",\"success_url\":\"/a\","
						+ "\"cancel_url\":\"/b\"}")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo("3.14")
			.jsonPath("$.memo")
			.isEqualTo("<b>Green</b> \"tea\" & co");
	}

	@Test
	void theApiIsIdempotent() {
		String key = apiKey("checkout:write");
		String first = new String(createSession(key, "same-key", BODY).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		String replay = new String(createSession(key, "same-key", BODY).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(replay).isEqualTo(first);
		createSession(key, "same-key", BODY.replace("order-42", "order-43")).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_reused");
		createSession(key, null, BODY).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency_key_required");
	}

	@Test
	void theApiNeedsTheCheckoutPermissions() {
		createSession(null, "k1", BODY).expectStatus().isUnauthorized();
		createSession(apiKey("payouts:write"), "k2", BODY).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("insufficient_permission");
		String reader = apiKey("checkout:read");
		createSession(reader, "k3", BODY).expectStatus().isForbidden();
		this.client.get()
			.uri("/pi-edge/api/checkout/sessions/cs_nosuchsessionnosuchsession00")
			.header("Authorization", "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("checkout_session_not_found");
		this.client.get()
			.uri("/pi-edge/api/checkout/sessions/cs_nosuchsessionnosuchsession00")
			.header("Authorization", "Bearer " + apiKey("payments:read"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void thePageIsEscapedUnderANonceCspAndBindsTheFirstBuyer() {
		String key = apiKey("checkout:write");
		String json = new String(createSession(key, UUID.randomUUID().toString(),
				"{\"line_items\":[{\"product\":\"green-tea\"}],\"success_url\":\"/a?x=1&y='z'\","
						+ "\"cancel_url\":\"/b?q=1&r='x'\"}")
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(json).contains("\"uid\":null");
		String session = json.replaceAll("(?s).*\"id\":\"(cs_[^\"]+)\".*", "$1");

		EntityExchangeResult<String> page = this.client.get()
			.uri("/pi-edge/checkout/" + session)
			.header("X-Pi-Identity", buyer(ALICE))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody(String.class)
			.returnResult();
		String csp = page.getResponseHeaders().getFirst("Content-Security-Policy");
		Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]{20,})' https://sdk\\.example;").matcher(csp);
		assertThat(nonce.find()).as(csp).isTrue();
		assertThat(csp).startsWith("default-src 'none';")
			.contains("connect-src 'self' https://sdk.example;")
			.contains("style-src 'nonce-" + nonce.group(1) + "';")
			.contains("base-uri 'none';")
			.contains("form-action 'self'");
		String html = page.getResponseBody();
		assertThat(html).contains("<script nonce=\"" + nonce.group(1) + "\" src=\"https://sdk.example/pi-sdk.js\">")
			.contains("id=\"checkout-items\"")
			.contains("<span id=\"checkout-total\">3.14</span>")
			.contains("<button id=\"pay\"")
			.contains("id=\"checkout-status\"")
			.contains("id=\"retry\"")
			.contains("&lt;b&gt;Green&lt;/b&gt; &quot;tea&quot; &amp; co")
			.contains("id=\"cancel-link\" href=\"/b?q=1&amp;r=&#39;x&#39;\"")
			.contains("\"successUrl\":\"/a?x=1\\u0026y='z'\"")
			.doesNotContain("<b>Green</b>")
			.contains("Pi.createPayment")
			.contains("pi_edge_checkout");
		assertThat(html.split("<script").length - 1).as("script elements").isEqualTo(3);
		assertThat(sessionColumn(session, "uid")).isEqualTo(ALICE);

		// Bound: another signed-in user does not learn the session exists.
		this.client.get()
			.uri("/pi-edge/checkout/" + session)
			.header("X-Pi-Identity", buyer(MALLORY))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("checkout_session_not_found");
	}

	@Test
	void anExpiredSessionShowsNoPayButton() {
		String session = linkSession(ALICE, "green-tea", 1);
		this.clock.advance(java.time.Duration.ofMinutes(61));
		this.client.get()
			.uri("/pi-edge/checkout/" + session)
			.header("X-Pi-Identity", buyer(ALICE))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(html -> assertThat(html).contains("This checkout has expired.")
				.contains("<button id=\"pay\" type=\"button\" disabled hidden>"));
	}

}
