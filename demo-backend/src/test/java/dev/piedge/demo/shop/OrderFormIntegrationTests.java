package dev.piedge.demo.shop;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static dev.piedge.demo.shop.HomePageIntegrationTests.HTML_UTF8;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class OrderFormIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void servesAFormThatPostsUrlEncodedToOrders() {
		client.get()
			.uri("/orders/new")
			.header("X-Pi-Uid", "uid-alice")
			.header("X-Pi-Username", "alice")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(HTML_UTF8)
			.expectHeader()
			.doesNotExist("X-Frame-Options")
			.expectBody()
			.xpath("//form[@id='order-form']/@method")
			.isEqualTo("post")
			.xpath("//form[@id='order-form']/@action")
			.isEqualTo("/orders")
			.xpath("//form[@id='order-form']/@enctype")
			.isEqualTo("application/x-www-form-urlencoded")
			.xpath("//form[@id='order-form']//select[@name='item']/option[@value='green-tea']")
			.exists()
			.xpath("//form[@id='order-form']//input[@name='quantity']")
			.exists()
			.xpath("//form[@id='order-form']//input[@name='note']")
			.exists()
			.xpath("//*[@id='order-as']")
			.isEqualTo("alice");
	}

	@Test
	void servesTheFormToAnonymousVisitorsWithASignInLink() {
		client.get()
			.uri("/orders/new")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//form[@id='order-form']")
			.exists()
			.xpath("//*[@id='order-as']")
			.doesNotExist()
			.xpath("//a[@id='sign-in']/@href")
			.isEqualTo("/pi-edge/sign-in?rd=/orders/new");
	}

	@Test
	void showsTheUidThatCameWithThePostAndTheSubmittedFields() {
		client.post()
			.uri("/orders")
			.header("X-Pi-Uid", "uid-alice")
			.header("X-Pi-Username", "alice")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("item", "green-tea")
				.with("quantity", "3")
				.with("note", "no sugar, merci ☕"))
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
			.xpath("//*[@id='order-uid']")
			.isEqualTo("uid-alice")
			.xpath("//*[@id='order-username']")
			.isEqualTo("alice")
			.xpath("//*[@id='order-item']")
			.isEqualTo("Green tea")
			.xpath("//*[@id='order-quantity']")
			.isEqualTo("3")
			.xpath("//*[@id='order-note']")
			.isEqualTo("no sugar, merci ☕")
			.xpath("//*[@id='order-anonymous']")
			.doesNotExist();
	}

	@Test
	void saysAnOrderWithoutIdentityCameFromAnAnonymousVisitor() {
		client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("item", "oat-cookie").with("quantity", "1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//*[@id='order-uid']")
			.doesNotExist()
			.xpath("//*[@id='order-anonymous']")
			.exists()
			.xpath("//*[@id='order-item']")
			.isEqualTo("Oat cookie")
			.xpath("//*[@id='order-note']")
			.isEqualTo("");
	}

	@Test
	void escapesHostileFormFieldsAndUid() {
		String hostile = "</dd><script>alert(\"x\")</script>&'";
		client.post()
			.uri("/orders")
			.header("X-Pi-Uid", "<i>uid</i>")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("item", "green-tea").with("quantity", "1").with("note", hostile))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//*[@id='order-note']")
			.isEqualTo(hostile)
			.xpath("//*[@id='order-uid']")
			.isEqualTo("<i>uid</i>")
			.xpath("//script")
			.doesNotExist()
			.xpath("//i")
			.doesNotExist();
	}

	@Test
	void refusesAnOrderThatIsNotOnTheMenuOrOutOfRangeWithProblemJson() {
		for (MultiValueMap<String, String> form : List.of(form("item", "caviar", "quantity", "1"),
				form("item", "<script>", "quantity", "1"), form("item", "green-tea", "quantity", "0"),
				form("item", "green-tea", "quantity", "11"), form("item", "green-tea", "quantity", "two"),
				form("item", "green-tea", "quantity", " 1"), form("item", "green-tea"), form("quantity", "1"),
				form("item", "green-tea", "item", "oat-cookie", "quantity", "1"),
				form("item", "green-tea", "quantity", "1", "note", "x".repeat(201)))) {
			client.post()
				.uri("/orders")
				.header("X-Pi-Uid", "uid-alice")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_order")
				.jsonPath("$.detail")
				.value(String.class,
						detail -> org.assertj.core.api.Assertions.assertThat(detail).doesNotContain("<script>"));
		}
	}

	@Test
	void refusesAnOrderThatIsNotAFormPost() {
		client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"item\":\"green-tea\",\"quantity\":1}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_order");
	}

	@Test
	void refusesAFormOverTheBodyCapWithProblemJson() {
		client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("item=green-tea&quantity=1&note=" + "x".repeat(70 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("body_too_large");
	}

	private static MultiValueMap<String, String> form(String... namesAndValues) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return form;
	}

}
