package dev.piedge.demo.shop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.piedge.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The demo shop's side of the hosted checkout: the signed webhook receiver at the
 * configured fulfilment URL and the success page it feeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "demo.fulfillment.secret=" + CheckoutIntegrationTests.SECRET })
@AutoConfigureWebTestClient
@Import(CheckoutIntegrationTests.ClockConfiguration.class)
class CheckoutIntegrationTests {

	static final String SECRET = "test-secret-0123456789abcdef0123456789abcdef";

	static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	static final String ALICE = "uid-alice";

	@Autowired
	WebTestClient client;

	@Autowired
	MutableClock clock;

	@Test
	void theHomePageLinksEachCatalogProductToTheHostedCheckout() {
		String link = "/pi-edge/checkout?product=green-tea&quantity=1"
				+ "&success_url=%2Forders%2Fcheckout%2F%7BCHECKOUT_SESSION_ID%7D&cancel_url=%2F";
		client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//a[@id='buy-green-tea']/@href")
			.isEqualTo(link)
			.xpath("//a[@id='buy-coffee']/@href")
			.isEqualTo(link.replace("green-tea", "coffee"));
	}

	@Test
	void aVerifiedCompletedEventMakesTheBuyersSuccessPageShowPaid() {
		String session = newSessionId();
		successPage(session, ALICE).xpath("//*[@id='order-status']").isEqualTo("waiting");

		deliver(completed(session, ALICE), NOW.getEpochSecond(), SECRET).expectStatus().isOk();

		successPage(session, ALICE).xpath("//*[@id='order-status']")
			.isEqualTo("paid")
			.xpath("//*[@id='order-items']/li[1]")
			.isEqualTo("2 x Green tea: 6.28 Pi")
			.xpath("//*[@id='order-total']")
			.isEqualTo("6.28")
			.xpath("//*[@id='order-txid']")
			.isEqualTo("tx-" + session)
			.xpath("//meta[@http-equiv='refresh']")
			.doesNotExist();
	}

	@Test
	void theSuccessPageWaitsAndRefreshesUntilTheWebhookArrives() {
		client.get()
			.uri("/orders/checkout/{id}", newSessionId())
			.header("X-Pi-Uid", ALICE)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody()
			.xpath("//*[@id='order-status']")
			.isEqualTo("waiting")
			.xpath("//meta[@http-equiv='refresh']/@content")
			.isEqualTo("1");
	}

	@Test
	void onlyTheBuyerSeesTheOrderAsPaid() {
		String session = newSessionId();
		deliver(completed(session, ALICE), NOW.getEpochSecond(), SECRET).expectStatus().isOk();

		successPage(session, "uid-mallory").xpath("//*[@id='order-status']")
			.isEqualTo("waiting")
			.xpath("//*[@id='order-txid']")
			.doesNotExist();
		successPage(session, null).xpath("//*[@id='order-status']").isEqualTo("waiting");
	}

	@Test
	void aBadSignatureIsRefusedWith401AndRecordsNothing() {
		String session = newSessionId();

		deliver(completed(session, ALICE), NOW.getEpochSecond(), "another-secret-0123456789abcdef0123456789")
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_signature");

		successPage(session, ALICE).xpath("//*[@id='order-status']").isEqualTo("waiting");
	}

	@Test
	void aChangedBodyOrAMissingOrMalformedHeaderIsRefused() {
		String session = newSessionId();
		String body = completed(session, ALICE);
		String signature = signature(body, NOW.getEpochSecond(), SECRET);

		post(body.replace("6.28", "0.01"), signature).expectStatus().isUnauthorized();
		post(body, null).expectStatus().isUnauthorized();
		post(body, "t=" + NOW.getEpochSecond()).expectStatus().isUnauthorized();
		post(body, "v1=" + signature.substring(signature.indexOf("v1=") + 3)).expectStatus().isUnauthorized();
		post(body, "t=" + NOW.getEpochSecond() + ",t=" + NOW.getEpochSecond() + ","
				+ signature.substring(signature.indexOf("v1=")))
			.expectStatus()
			.isUnauthorized();
		post(body, "t=abc,v1=zz").expectStatus().isUnauthorized();

		successPage(session, ALICE).xpath("//*[@id='order-status']").isEqualTo("waiting");
	}

	@Test
	void aStaleOrFutureTimestampIsRefusedEvenWhenTheSignatureIsRight() {
		String session = newSessionId();
		String body = completed(session, ALICE);

		deliver(body, NOW.minus(Duration.ofMinutes(6)).getEpochSecond(), SECRET).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("stale_signature");
		deliver(body, NOW.plus(Duration.ofMinutes(6)).getEpochSecond(), SECRET).expectStatus().isUnauthorized();
		successPage(session, ALICE).xpath("//*[@id='order-status']").isEqualTo("waiting");

		deliver(body, NOW.minus(Duration.ofMinutes(4)).getEpochSecond(), SECRET).expectStatus().isOk();
		successPage(session, ALICE).xpath("//*[@id='order-status']").isEqualTo("paid");
	}

	@Test
	void aReplayedOrRetriedEventIsHarmless() {
		String session = newSessionId();
		String body = completed(session, ALICE);
		String signature = signature(body, NOW.getEpochSecond(), SECRET);

		post(body, signature).expectStatus().isOk();
		post(body, signature).expectStatus().isOk();
		// A retry of the same event is signed anew; a second event for the same session
		// (never sent by the sidecar) changes nothing either.
		deliver(body, NOW.getEpochSecond() + 1, SECRET).expectStatus().isOk();
		deliver(completed(session, "uid-mallory").replace("tx-" + session, "tx-other"), NOW.getEpochSecond(), SECRET)
			.expectStatus()
			.isOk();

		successPage(session, ALICE).xpath("//*[@id='order-status']")
			.isEqualTo("paid")
			.xpath("//*[@id='order-txid']")
			.isEqualTo("tx-" + session);
		successPage(session, "uid-mallory").xpath("//*[@id='order-status']").isEqualTo("waiting");
	}

	@Test
	void otherVerifiedEventsAreAcknowledgedAndIgnored() {
		String body = "{\"id\":\"e-1\",\"type\":\"payment.completed\",\"created\":1795348800,"
				+ "\"data\":{\"payment_id\":\"pay-42\",\"user_uid\":\"uid-42\"}}";

		deliver(body, NOW.getEpochSecond(), SECRET).expectStatus().isOk();
	}

	@Test
	void aVerifiedButMalformedCheckoutEventIs400() {
		deliver("{\"id\":\"e-2\",\"type\":\"checkout.session.completed\",\"data\":{\"id\":\"not a session\"}}",
				NOW.getEpochSecond(), SECRET)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_event");
		deliver("not json", NOW.getEpochSecond(), SECRET).expectStatus().isBadRequest();
	}

	@Test
	void anUnknownSessionIdInThePathIsAPlain404() {
		client.get().uri("/orders/checkout/{id}", "<script>").exchange().expectStatus().isNotFound();
	}

	private WebTestClient.BodyContentSpec successPage(String session, String uid) {
		WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/orders/checkout/{id}", session);
		if (uid != null) {
			request = request.header("X-Pi-Uid", uid);
		}
		return request.exchange().expectStatus().isOk().expectBody();
	}

	private WebTestClient.ResponseSpec deliver(String body, long timestamp, String secret) {
		return post(body, signature(body, timestamp, secret));
	}

	private WebTestClient.ResponseSpec post(String body, String signature) {
		WebTestClient.RequestBodySpec request = client.post()
			.uri("/pi-edge/fulfillment")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "0b8f6c9e-3c55-4a57-9a8e-2f1f7c1d2e3f");
		if (signature != null) {
			request = request.header("Pi-Edge-Signature", signature);
		}
		return request.bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
	}

	/**
	 * The README's scheme: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, t + "." + body)).
	 */
	static String signature(String body, long timestamp, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1="
					+ HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A {@code checkout.session.completed} event as the contract shapes it. */
	static String completed(String session, String uid) {
		return """
				{"id":"ev-%1$s","type":"checkout.session.completed","created":1795348800,"data":{"id":"%1$s",\
				"status":"complete","payment_status":"paid","uid":"%2$s","line_items":[{"product":"green-tea",\
				"name":"Green tea","quantity":2,"unit_amount":"3.14","amount":"6.28"}],"total":"6.28","memo":"Green tea",\
				"success_url":"/orders/checkout/%1$s","cancel_url":"/","client_reference_id":null,"metadata":null,\
				"url":"/pi-edge/checkout/%1$s","pi_payment_id":"pay-%1$s","txid":"tx-%1$s","network":"Pi Testnet",\
				"expires_at":"2026-11-22T13:00:00Z","created_at":"2026-11-22T12:00:00Z","completed_at":"2026-11-22T12:01:00Z"}}"""
			.formatted(session, uid);
	}

	private static String newSessionId() {
		return "cs_" + java.util.UUID.randomUUID().toString().replace("-", "");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(NOW);
		}

	}

}
