package dev.piedge.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;

import com.sun.net.httpserver.HttpServer;
import dev.piedge.test.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static dev.piedge.e2e.PiBrowserActions.click;
import static dev.piedge.e2e.PiBrowserActions.intoTheAppFrame;
import static dev.piedge.e2e.PiBrowserActions.path;
import static dev.piedge.e2e.PiBrowserActions.pickSandboxUser;
import static dev.piedge.e2e.PiBrowserActions.text;
import static dev.piedge.e2e.PiBrowserActions.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pi Browser layer in a real headless Chromium, against the README's demo: the shop
 * runs inside an iframe of a host page on another site (the sandbox's host page on
 * {@code 127.0.0.1}, the proxy on {@code localhost}), as the Pi Browser frames every app,
 * with the browser's default cookie policy. The demo backend has no Pi code: everything
 * it knows about the user comes from the proxy's headers.
 */
class BrowserSignInIntegrationTests {

	private static final String ALICE_UID = "5f0b5a2e-7c1d-4a8e-9d35-6c2f1a9b7e01";

	private static final Map<String, String> PORTS = Map.of("PI_PROXY_PORT", "28080", "DEMO_BACKEND_PORT", "28081",
			"PI_SIDECAR_PORT", "28082", "PI_SANDBOX_PORT", "28090", "PI_PROXY_MANAGEMENT_PORT", "29080",
			"DEMO_BACKEND_MANAGEMENT_PORT", "29081", "PI_SIDECAR_MANAGEMENT_PORT", "29082");

	private static final String APP = "http://localhost:28080/";

	private static final String FRAMED = "http://127.0.0.1:28090/pi-browser?url=" + APP;

	private static final String FRAMED_ACCOUNT = FRAMED + "account";

	/**
	 * The demo's session key ring, given to it here so that the test can seal a session
	 * of its own, as another proxy instance sharing the ring would.
	 */
	private static final String KEY_ID = "e2e";

	private static final byte[] KEY = "pi-edge e2e session key, 32 byte".getBytes(StandardCharsets.US_ASCII);

	@RegisterExtension
	static final RunningDemo demo = new RunningDemo(withKeyRing(PORTS));

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	/** Another site's page, for the forged cross-site form post. */
	private static HttpServer attacker;

	@BeforeAll
	static void attackerSite() throws IOException {
		attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		attacker.createContext("/", exchange -> {
			byte[] page = ("<!doctype html><title>win a prize</title>" + "<form id=forged method=post action=\"" + APP
					+ "orders\">" + "<input name=item value=green-tea><input name=quantity value=9></form>"
					+ "<script>document.getElementById('forged').submit();</script>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		attacker.start();
	}

	@AfterAll
	static void stopAttacker() {
		attacker.stop(0);
	}

	@Test
	void signInInsideTheFrameThenUseTheShopReloadAndSignOut() {
		WebDriver browser = chromium.driver();
		browser.get(FRAMED);
		intoTheAppFrame(browser);
		assertThat(text(browser, "greeting")).isEqualTo("Hello, visitor");

		signInAsAlice(browser);

		assertThat(text(browser, "greeting")).isEqualTo("Hello, alice");
		int visits = Integer.parseInt(text(browser, "visits"));

		click(browser, "account-link");
		assertThat(text(browser, "account-uid")).isEqualTo(ALICE_UID);

		browser.get(FRAMED);
		intoTheAppFrame(browser);
		click(browser, "order-link");
		waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("order-form")));
		browser.findElement(By.name("quantity")).clear();
		browser.findElement(By.name("quantity")).sendKeys("2");
		click(browser, "order-submit");
		assertThat(text(browser, "order-uid")).isEqualTo(ALICE_UID);
		assertThat(text(browser, "order-quantity")).isEqualTo("2");

		// A reload of the whole Pi Browser page: the frame is still signed in, and the
		// shop's own cookie (rewritten by the proxy) counted every visit.
		browser.navigate().refresh();
		intoTheAppFrame(browser);
		assertThat(text(browser, "greeting")).isEqualTo("Hello, alice");
		assertThat(Integer.parseInt(text(browser, "visits"))).isGreaterThan(visits);

		click(browser, "sign-out");
		waitFor(browser).until(ExpectedConditions.textToBe(By.id("greeting"), "Hello, visitor"));
		browser.navigate().refresh();
		intoTheAppFrame(browser);
		assertThat(text(browser, "greeting")).isEqualTo("Hello, visitor");
	}

	@Test
	void aRequiredPageSendsTheFramedVisitorThroughSignInAndBack() {
		WebDriver browser = chromium.driver();
		browser.get("http://127.0.0.1:28090/pi-browser?url=" + APP + "account");
		intoTheAppFrame(browser);

		pickSandboxUser(browser, "alice");

		assertThat(text(browser, "account-uid")).isEqualTo(ALICE_UID);
	}

	@Test
	void aTamperedOrExpiredCookieLeadsBackToSignIn() throws Exception {
		ChromeDriver browser = (ChromeDriver) chromium.driver();
		browser.get(FRAMED_ACCOUNT);
		intoTheAppFrame(browser);
		pickSandboxUser(browser, "alice");
		assertThat(text(browser, "account-uid")).isEqualTo(ALICE_UID);
		Map<String, Object> cookie = sessionCookie(browser);
		String sealed = (String) cookie.get("value");

		String tampered = sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("AAA") ? "BBB" : "AAA");
		replaceSessionCookie(browser, cookie, tampered);
		browser.get(FRAMED_ACCOUNT);
		intoTheAppFrame(browser);
		assertThat(signInPageShown(browser)).as("tampered cookie").isTrue();

		// Sealed with the demo's own ring, but ended a minute ago.
		replaceSessionCookie(browser, cookie, expiredSession());
		browser.get(FRAMED_ACCOUNT);
		intoTheAppFrame(browser);
		assertThat(signInPageShown(browser)).as("expired cookie").isTrue();

		// And a good one, sealed the same way, is taken: the ring works across instances.
		replaceSessionCookie(browser, cookie, session(Instant.now().plus(Duration.ofHours(1))));
		browser.get(FRAMED_ACCOUNT);
		intoTheAppFrame(browser);
		assertThat(text(browser, "account-uid")).isEqualTo(ALICE_UID);
	}

	@Test
	void aForgedCrossSiteFormPostIsRefused() {
		WebDriver browser = chromium.driver();
		browser.get(APP);
		signInAsAlice(browser);

		browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");

		waitFor(browser).until(ExpectedConditions.urlToBe(APP + "orders"));
		waitFor(browser).until(driver -> driver.getPageSource().contains("csrf_rejected"));
		assertThat(browser.getPageSource()).doesNotContain("order-uid");
	}

	private static boolean signInPageShown(WebDriver browser) {
		waitFor(browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-pi-sandbox-user='alice']")));
		return path(browser).equals("/pi-edge/sign-in");
	}

	/** The session cookie as Chromium keeps it, partition key included. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> sessionCookie(ChromeDriver browser) {
		List<Map<String, Object>> cookies = (List<Map<String, Object>>) browser
			.executeCdpCommand("Network.getAllCookies", Map.of())
			.get("cookies");
		List<Map<String, Object>> ours = cookies.stream()
			.filter(cookie -> "__Host-pi_edge_session".equals(cookie.get("name")))
			.toList();
		assertThat(ours).as("session cookies in the browser").hasSize(1);
		Map<String, Object> cookie = ours.get(0);
		// What the Pi Browser needs: a partitioned, secure, SameSite=None, script-proof
		// cookie.
		assertThat(cookie).containsEntry("secure", true)
			.containsEntry("httpOnly", true)
			.containsEntry("sameSite", "None")
			.containsKey("partitionKey");
		return cookie;
	}

	/** The same cookie (name, partition, attributes) with another value. */
	private static void replaceSessionCookie(ChromeDriver browser, Map<String, Object> cookie, String value) {
		Map<String, Object> replacement = new HashMap<>();
		replacement.put("name", cookie.get("name"));
		replacement.put("value", value);
		replacement.put("url", APP);
		replacement.put("path", "/");
		replacement.put("secure", true);
		replacement.put("httpOnly", true);
		replacement.put("sameSite", "None");
		replacement.put("partitionKey", cookie.get("partitionKey"));
		assertThat(browser.executeCdpCommand("Network.setCookie", replacement)).doesNotContainEntry("success", false);
	}

	private static String expiredSession() throws Exception {
		return session(Instant.now().minus(Duration.ofMinutes(1)));
	}

	/**
	 * A session for alice, sealed as the proxy seals them (JWE dir + A256GCM, the claims
	 * of {@code SessionKeyRing}), ending at {@code until}.
	 */
	private static String session(Instant until) throws Exception {
		Instant created = until.minus(Duration.ofHours(2));
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(ALICE_UID)
			.claim("usr", "alice")
			.claim("scp", List.of("username", "payments", "wallet_address"))
			.claim("tok", "sandbox-token-alice")
			.claim("tvu", until.plus(Duration.ofHours(1)).getEpochSecond())
			.issueTime(Date.from(created))
			.expirationTime(Date.from(until))
			.claim("chk", Instant.now().getEpochSecond())
			.build();
		EncryptedJWT jwt = new EncryptedJWT(
				new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(KEY_ID).build(), claims);
		jwt.encrypt(new DirectEncrypter(new SecretKeySpec(KEY, "AES")));
		return jwt.serialize();
	}

	private static Map<String, String> withKeyRing(Map<String, String> ports) {
		Map<String, String> environment = new HashMap<>(ports);
		environment.put("PI_BROWSER_SESSION_KEYS_0_ID", KEY_ID);
		environment.put("PI_BROWSER_SESSION_KEYS_0_SECRET", Base64.getEncoder().encodeToString(KEY));
		return environment;
	}

	private static void signInAsAlice(WebDriver browser) {
		click(browser, "sign-in");
		pickSandboxUser(browser, "alice");
		waitFor(browser).until(ExpectedConditions.textToBe(By.id("greeting"), "Hello, alice"));
	}

}
