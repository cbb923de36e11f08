package dev.piedge.demo.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.piedge.demo.shop.HomePageIntegrationTests.HTML_UTF8;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class AccountPageIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void showsTheUidAndUsernameItReceived() {
		client.get()
			.uri("/account")
			.header("X-Pi-Uid", "uid-alice")
			.header("X-Pi-Username", "alice")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(HTML_UTF8)
			.expectHeader()
			.doesNotExist("X-Frame-Options")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.xpath("//*[@id='account-uid']")
			.isEqualTo("uid-alice")
			.xpath("//*[@id='account-username']")
			.isEqualTo("alice")
			.xpath("//*[@id='sign-in']")
			.doesNotExist();
	}

	@Test
	void saysWhenNoUsernameWasShared() {
		client.get()
			.uri("/account")
			.header("X-Pi-Uid", "uid-bob")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//*[@id='account-uid']")
			.isEqualTo("uid-bob")
			.xpath("//*[@id='account-username']")
			.isEqualTo("(not shared)");
	}

	@Test
	void showsNoAccountAndOffersSignInWithoutIdentity() {
		client.get()
			.uri("/account")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(HTML_UTF8)
			.expectBody()
			.xpath("//*[@id='account-uid']")
			.doesNotExist()
			.xpath("//a[@id='sign-in']/@href")
			.isEqualTo("/pi-edge/sign-in?rd=/account");
	}

	@Test
	void escapesHostileIdentityHeaders() {
		client.get()
			.uri("/account")
			.header("X-Pi-Uid", "<b>uid</b>&amp;")
			.header("X-Pi-Username", "<script>alert(1)</script>")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//*[@id='account-uid']")
			.isEqualTo("<b>uid</b>&amp;")
			.xpath("//*[@id='account-username']")
			.isEqualTo("<script>alert(1)</script>")
			.xpath("//script")
			.doesNotExist()
			.xpath("//b")
			.doesNotExist();
	}

}
