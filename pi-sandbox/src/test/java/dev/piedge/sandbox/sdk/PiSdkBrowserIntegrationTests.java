package dev.piedge.sandbox.sdk;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.piedge.test.MutableClock;
import dev.piedge.test.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.piedge.sandbox.SandboxClient;
import dev.piedge.sandbox.SandboxIntegrationTest;

import static dev.piedge.sandbox.SandboxClient.ALICE;
import static dev.piedge.sandbox.SandboxClient.ALICE_UID;
import static dev.piedge.sandbox.SandboxClient.BOB_UID;
import static dev.piedge.sandbox.SandboxClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Pi SDK emulator in a real headless Chromium. The app is a page on another site
 * ({@code http://localhost:<port>}, the JDK's HTTP server) than the sandbox
 * ({@code http://127.0.0.1:<port>}), under the strict Content-Security-Policy a pi-edge
 * sign-in page uses; it loads {@code /pi-sdk.js} and calls {@code window.Pi} from its own
 * buttons. Its "server" approves and completes through the sandbox's Platform API, as an
 * app's backend does. Every test also checks that the page saw no CSP violation.
 */
@SandboxIntegrationTest
class PiSdkBrowserIntegrationTests {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String NONCE = "dGVzdC1ub25jZQ";

	private static HttpServer app;

	/** What the fake app server does when the page asks it to approve. */
	private static volatile ServerApproval approval = ServerApproval.APPROVE;

	private static volatile String sandboxOrigin;

	private static final List<String> serverCalls = new CopyOnWriteArrayList<>();

	private static final HttpClient platformApi = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int sandboxPort;

	@Autowired
	private WebTestClient webTestClient;

	@Autowired
	private MutableClock clock;

	private SandboxClient sandbox;

	private WebDriver driver;

	enum ServerApproval {

		APPROVE, CANCEL, IGNORE

	}

	@BeforeAll
	static void startApp() throws IOException {
		app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		app.createContext("/app.html", PiSdkBrowserIntegrationTests::page);
		app.createContext("/server/approve", PiSdkBrowserIntegrationTests::serverApprove);
		app.createContext("/server/complete", PiSdkBrowserIntegrationTests::serverComplete);
		app.start();
	}

	@AfterAll
	static void stopApp() {
		app.stop(0);
	}

	@BeforeEach
	void reset() {
		clock.reset();
		sandbox = new SandboxClient(webTestClient);
		sandbox.reset();
		sandboxOrigin = "http://127.0.0.1:" + sandboxPort;
		approval = ServerApproval.APPROVE;
		serverCalls.clear();
		driver = chromium.driver();
	}

	@AfterEach
	void pageSawNoContentSecurityPolicyViolation() {
		assertThat((List<?>) script("return window.cspViolations || ['the test page did not load']")).isEmpty();
	}

	@Test
	void signsInAsTheUserPickedInThePicker() {
		openApp();
		click("#authenticate");

		WebElement picker = waitFor("[data-pi-sandbox=\"picker\"]");
		assertThat(picker.getText()).contains("Pi sandbox");
		assertThat(picker.findElements(By.cssSelector("[data-pi-sandbox-user]")))
			.extracting(user -> user.getAttribute("data-pi-sandbox-user"))
			.containsExactly("alice", "bob");
		click("[data-pi-sandbox-user=\"alice\"]");

		waitForEvent("authenticated");
		assertThat(text("#token")).isEqualTo(ALICE);
		assertThat(text("#uid")).isEqualTo(ALICE_UID);
		assertThat(text("#username")).isEqualTo("alice");
		assertThat(driver.findElements(By.cssSelector("[data-pi-sandbox=\"picker\"]"))).isEmpty();
	}

	@Test
	void userWithoutTheUsernameScopeSignsInWithoutAUsername() {
		openApp();
		signIn("bob");

		assertThat(text("#uid")).isEqualTo(BOB_UID);
		assertThat(text("#username")).isEqualTo("(none)");
	}

	@Test
	void closingThePickerRejectsAuthenticate() {
		openApp();
		click("#authenticate");
		click("[data-pi-sandbox=\"picker\"] [data-pi-sandbox-action=\"cancel\"]");

		assertThat(waitForEvent("authenticate-error:")).isEqualTo("authenticate-error:User consent cancelled.");
	}

	@Test
	void paysThroughServerApprovalTheWalletAndServerCompletion() {
		openApp();
		signIn("alice");
		click("#pay");

		WebElement wallet = waitFor("[data-pi-sandbox=\"wallet\"]");
		assertThat(wallet.getText()).contains("Pi sandbox").contains("3.14").contains("Coffee");
		click("[data-pi-sandbox=\"wallet\"] [data-pi-sandbox-action=\"confirm\"]");

		String completion = waitForEvent("completion:");
		String id = completion.split(":")[1];
		String txid = completion.split(":")[2];
		assertThat(events()).containsExactly("authenticated", "approval:" + id, "completion:" + id + ":" + txid);
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode payment = body(sandbox.get(id).expectStatus().isOk());
			assertThat(payment.get("status").get("developer_completed").booleanValue()).isTrue();
			assertThat(payment.get("transaction").get("txid").stringValue()).isEqualTo(txid);
		});
		assertThat(serverCalls).containsExactly("approve:" + id, "complete:" + id);
		waitUntilGone("[data-pi-sandbox=\"wallet\"]");
	}

	@Test
	void cancelInTheWalletIsOnCancel() {
		openApp();
		signIn("alice");
		click("#pay");
		click("[data-pi-sandbox=\"wallet\"] [data-pi-sandbox-action=\"cancel\"]");

		String id = waitForEvent("cancel:").substring("cancel:".length());
		assertThat(events()).containsExactly("authenticated", "approval:" + id, "cancel:" + id);
		JsonNode payment = body(sandbox.get(id).expectStatus().isOk());
		assertThat(payment.get("status").get("user_cancelled").booleanValue()).isTrue();
		waitUntilGone("[data-pi-sandbox=\"wallet\"]");
	}

	@Test
	void paymentTheServerCancelsIsOnCancelWithoutAWallet() {
		approval = ServerApproval.CANCEL;
		openApp();
		signIn("alice");
		click("#pay");

		String id = waitForEvent("cancel:").substring("cancel:".length());
		assertThat(events()).containsExactly("authenticated", "approval:" + id, "cancel:" + id);
		assertThat(driver.findElements(By.cssSelector("[data-pi-sandbox=\"wallet\"]"))).isEmpty();
	}

	@Test
	void paymentTheServerCancelsWhileTheWalletIsOpenIsOnCancelOnConfirm() {
		openApp();
		signIn("alice");
		click("#pay");
		waitFor("[data-pi-sandbox=\"wallet\"]");
		String id = waitForEvent("approval:").substring("approval:".length());

		sandbox.cancel(id).expectStatus().isOk().expectBody();
		click("[data-pi-sandbox=\"wallet\"] [data-pi-sandbox-action=\"confirm\"]");

		assertThat(waitForEvent("cancel:")).isEqualTo("cancel:" + id);
		assertThat(events()).containsExactly("authenticated", "approval:" + id, "cancel:" + id);
		assertThat(body(sandbox.get(id).expectStatus().isOk()).get("transaction").isNull()).isTrue();
	}

	@Test
	void paymentNotApprovedWithinTheApprovalTimeoutIsOnCancel() {
		approval = ServerApproval.IGNORE;
		openApp();
		signIn("alice");
		click("#pay");
		String id = waitForEvent("approval:").substring("approval:".length());

		clock.advance(Duration.ofSeconds(61));

		assertThat(waitForEvent("cancel:")).isEqualTo("cancel:" + id);
		assertThat(driver.findElements(By.cssSelector("[data-pi-sandbox=\"wallet\"]"))).isEmpty();
	}

	@Test
	void incompletePaymentIsReportedBeforeAuthenticateResolves() {
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);
		openApp();

		signIn("alice");

		assertThat(events()).containsExactly("incomplete:" + id, "authenticated");
	}

	@Test
	void newPaymentWhileATransactionAwaitsCompletionIsOnErrorAndOnIncompletePaymentFound() {
		openApp();
		signIn("alice");
		String id = sandbox.startUserToApp();
		sandbox.approve(id).expectStatus().isOk().expectBody();
		sandbox.submitTransactionOk(id);

		click("#pay");

		waitForEvent("incomplete:");
		assertThat(events()).containsExactly("authenticated", "error:A pending payment needs to be handled.:" + id,
				"incomplete:" + id);
	}

	@Test
	void createPaymentBeforeAuthenticateIsOnError() {
		openApp();
		click("#pay");

		assertThat(waitForEvent("error:")).startsWith("error:").doesNotContain("undefined");
		assertThat(body(webTestClient.get().uri("/sandbox/payments").exchange().expectStatus().isOk())).isEmpty();
	}

	@Test
	void appInTheHostPagesCrossSiteFrameSignsIn() {
		String appUrl = "http://localhost:" + app.getAddress().getPort() + "/app.html";
		driver.get(sandboxOrigin + "/pi-browser?url=" + URLEncoder.encode(appUrl, StandardCharsets.UTF_8));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("Pi sandbox browser");

		driver.switchTo().frame(driver.findElement(By.tagName("iframe")));
		waitFor("#authenticate");
		signIn("alice");

		assertThat(text("#token")).isEqualTo(ALICE);
	}

	private void openApp() {
		driver.get("http://localhost:" + app.getAddress().getPort() + "/app.html");
		waitFor("#authenticate");
	}

	private void signIn(String username) {
		click("#authenticate");
		click("[data-pi-sandbox-user=\"" + username + "\"]");
		waitForEvent("authenticated");
	}

	private void click(String selector) {
		new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(selector)))
			.click();
	}

	private WebElement waitFor(String selector) {
		return new WebDriverWait(driver, WAIT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(selector)));
	}

	private void waitUntilGone(String selector) {
		new WebDriverWait(driver, WAIT).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(selector), 0));
	}

	private String text(String selector) {
		return driver.findElement(By.cssSelector(selector)).getText();
	}

	/** Waits for the first event the page logged that starts with {@code prefix}. */
	private String waitForEvent(String prefix) {
		return new WebDriverWait(driver, WAIT).withMessage(() -> "no event '" + prefix + "' in " + events())
			.until(d -> events().stream().filter(event -> event.startsWith(prefix)).findFirst().orElse(null));
	}

	@SuppressWarnings("unchecked")
	private List<String> events() {
		return (List<String>) script("return window.events.slice()");
	}

	private Object script(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

	private static void page(HttpExchange exchange) throws IOException {
		String sandbox = sandboxOrigin;
		String csp = "default-src 'none'; script-src 'nonce-" + NONCE + "' " + sandbox + "; connect-src 'self' "
				+ sandbox + "; style-src 'nonce-" + NONCE + "'; img-src 'self' data:";
		exchange.getResponseHeaders().set("Content-Security-Policy", csp);
		respond(exchange, 200, "text/html; charset=utf-8", PAGE.replace("NONCE", NONCE).replace("SANDBOX", sandbox));
	}

	/** The app's server approves through the Platform API, as its backend would. */
	private static void serverApprove(HttpExchange exchange) throws IOException {
		String id = query(exchange).get("id");
		serverCalls.add("approve:" + id);
		switch (approval) {
			case APPROVE -> platformApi("/v2/payments/" + id + "/approve", "{}");
			case CANCEL -> platformApi("/v2/payments/" + id + "/cancel", "{}");
			case IGNORE -> {
			}
		}
		respond(exchange, 204, null, null);
	}

	private static void serverComplete(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange);
		serverCalls.add("complete:" + query.get("id"));
		platformApi("/v2/payments/" + query.get("id") + "/complete", "{\"txid\":\"" + query.get("txid") + "\"}");
		respond(exchange, 204, null, null);
	}

	private static void platformApi(String path, String json) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxOrigin + path))
			.timeout(Duration.ofSeconds(5))
			.header("Authorization", SandboxClient.API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			HttpResponse<String> response = platformApi.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				serverCalls.add("failed:" + path + ":" + response.body());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> query = new HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		for (String pair : (raw != null) ? raw.split("&") : new String[0]) {
			int equals = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The app: it logs every SDK callback to {@code window.events} in the order they
	 * fire, and every CSP violation to {@code window.cspViolations} (that listener is set
	 * before the SDK loads).
	 */
	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<title>Test app</title>
			<script nonce="NONCE">
			window.events = [];
			window.cspViolations = [];
			document.addEventListener('securitypolicyviolation', (event) => {
				window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
			});
			</script>
			<script nonce="NONCE" src="SANDBOX/pi-sdk.js"></script>
			<script nonce="NONCE">
			(() => {
				const log = (event) => {
					window.events.push(event);
					document.getElementById('events').textContent = window.events.join('\\n');
				};
				const show = (id, text) => { document.getElementById(id).textContent = text; };
				const server = (path, params) => fetch(path + '?' + new URLSearchParams(params), { method: 'POST' });
				Pi.init({ version: '2.0', sandbox: true });
				document.addEventListener('DOMContentLoaded', () => {
					document.getElementById('authenticate').addEventListener('click', () => {
						Pi.authenticate(['username', 'payments'], (payment) => log('incomplete:' + payment.identifier))
							.then((auth) => {
								log('authenticated');
								show('token', auth.accessToken);
								show('uid', auth.user.uid);
								show('username', auth.user.username || '(none)');
							}, (error) => log('authenticate-error:' + error.message));
					});
					document.getElementById('pay').addEventListener('click', () => {
						Pi.createPayment({ amount: 3.14, memo: 'Coffee', metadata: { orderId: 1 } }, {
							onReadyForServerApproval: (id) => {
								log('approval:' + id);
								server('/server/approve', { id });
							},
							onReadyForServerCompletion: (id, txid) => {
								log('completion:' + id + ':' + txid);
								server('/server/complete', { id, txid });
							},
							onCancel: (id) => log('cancel:' + id),
							onError: (error, payment) => log('error:' + error.message + (payment ? ':' + payment.identifier : '')),
						});
					});
				});
			})();
			</script>
			</head>
			<body>
			<button id="authenticate" type="button">Sign in</button>
			<button id="pay" type="button">Pay</button>
			<dl>
			<dt>token</dt><dd id="token"></dd>
			<dt>uid</dt><dd id="uid"></dd>
			<dt>username</dt><dd id="username"></dd>
			</dl>
			<pre id="events"></pre>
			</body>
			</html>
			""";

}
