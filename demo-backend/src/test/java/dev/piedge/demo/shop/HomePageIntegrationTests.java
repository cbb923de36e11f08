package dev.piedge.demo.shop;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient
class HomePageIntegrationTests {

	static final MediaType HTML_UTF8 = MediaType.parseMediaType("text/html;charset=utf-8");

	@Autowired
	WebTestClient client;

	@Test
	void greetsSignedInVisitorByUsernameWithAccountOrderAndSignOut() {
		client.get()
			.uri("/")
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
			.xpath("//*[@id='greeting']")
			.isEqualTo("Hello, alice")
			.xpath("//a[@href='/account']")
			.exists()
			.xpath("//a[@href='/orders/new']")
			.exists()
			.xpath("//form[@method='post' and @action='/pi-edge/sign-out']/input[@type='hidden' and @name='rd']/@value")
			.isEqualTo("/")
			.xpath("//form[@action='/pi-edge/sign-out']//button[@id='sign-out' and @type='submit']")
			.exists()
			.xpath("//*[@id='sign-in']")
			.doesNotExist();
	}

	@Test
	void greetsByUidWhenNoUsernameWasShared() {
		client.get()
			.uri("/")
			.header("X-Pi-Uid", "uid-bob")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.xpath("//*[@id='greeting']")
			.isEqualTo("Hello, uid-bob");
	}

	@Test
	void offersPiSignInToVisitorWithoutIdentity() {
		client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(HTML_UTF8)
			.expectHeader()
			.doesNotExist("X-Frame-Options")
			.expectBody()
			.xpath("//*[@id='greeting']")
			.isEqualTo("Hello, visitor")
			.xpath("//a[@id='sign-in']/@href")
			.isEqualTo("/pi-edge/sign-in?rd=/")
			.xpath("//a[@id='sign-in']")
			.isEqualTo("Sign in with Pi")
			.xpath("//*[@id='sign-out']")
			.doesNotExist();
	}

	@Test
	void answersHeadWithThePagesHeaders() {
		client.head()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(HTML_UTF8)
			.expectCookie()
			.valueEquals("demo_visits", "1")
			.expectBody()
			.isEmpty();
	}

	@Test
	void escapesHostileUsername() {
		String hostile = "<script>alert('x')</script>\"&<img src=x onerror=alert(1)>";
		byte[] page = client.get()
			.uri("/")
			.header("X-Pi-Uid", "uid-mallory")
			.header("X-Pi-Username", hostile)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			// Parsing as XML also fails on any unescaped & or unbalanced tag.
			.xpath("//*[@id='greeting']")
			.isEqualTo("Hello, " + hostile)
			.xpath("//script")
			.doesNotExist()
			.xpath("//img")
			.doesNotExist()
			.returnResult()
			.getResponseBody();
		assertThat(new String(page, StandardCharsets.UTF_8))
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;&lt;img")
			.doesNotContain("<script")
			.doesNotContain("<img");
	}

	@Test
	void setsItsOwnLegacyVisitsCookieOnFirstVisit() {
		client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.valueEquals("demo_visits", "1")
			.expectCookie()
			.path("demo_visits", "/")
			.expectCookie()
			.httpOnly("demo_visits", true)
			.expectCookie()
			.sameSite("demo_visits", "Lax")
			.expectCookie()
			.secure("demo_visits", false)
			.expectBody()
			.xpath("//*[@id='visits']")
			.isEqualTo("1")
			.xpath("//*[@id='cookie-note']")
			.string(note -> assertThat(note).contains("SameSite=None; Secure; Partitioned"));
	}

	@Test
	void countsVisitsFromTheCookieTheBrowserSendsBack() {
		client.get()
			.uri("/")
			.cookie("demo_visits", "41")
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.valueEquals("demo_visits", "42")
			.expectBody()
			.xpath("//*[@id='visits']")
			.isEqualTo("42");
	}

	@Test
	void startsCountingAgainFromAForgedOrOverflowingCookie() {
		for (String forged : new String[] { "abc", "-5", "99999999999999999999", "1e3", "" }) {
			client.get()
				.uri("/")
				.cookie("demo_visits", forged)
				.exchange()
				.expectStatus()
				.isOk()
				.expectCookie()
				.valueEquals("demo_visits", "1")
				.expectBody()
				.xpath("//*[@id='visits']")
				.isEqualTo("1");
		}
	}

}
