package dev.piedge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.piedge.test.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.piedge.e2e.PiBrowserActions.click;
import static dev.piedge.e2e.PiBrowserActions.intoTheAppFrame;
import static dev.piedge.e2e.PiBrowserActions.path;
import static dev.piedge.e2e.PiBrowserActions.pickSandboxUser;
import static dev.piedge.e2e.PiBrowserActions.text;
import static dev.piedge.e2e.PiBrowserActions.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosted checkout in a real headless Chromium, against the README's demo: the shop, which
 * has no Pi code, runs inside the sandbox host page's cross-site iframe; its Buy link
 * goes through sign-in to the sidecar's checkout page, the sandbox's SDK emulator pays,
 * and the shop learns of the payment only from the signed webhook.
 */
class CheckoutBrowserIntegrationTests {

	private static final Map<String, String> PORTS = Map.of("PI_PROXY_PORT", "24080", "DEMO_BACKEND_PORT", "24081",
			"PI_SIDECAR_PORT", "24082", "PI_SANDBOX_PORT", "24090", "PI_PROXY_MANAGEMENT_PORT", "25080",
			"DEMO_BACKEND_MANAGEMENT_PORT", "25081", "PI_SIDECAR_MANAGEMENT_PORT", "25082");

	private static final String APP = "http://localhost:24080/";

	private static final String SANDBOX = "http://127.0.0.1:24090";

	private static final String FRAMED = SANDBOX + "/pi-browser?url=" + APP;

	private static final Pattern APPROVE_CALLS = Pattern.compile("\"payments\\.approve\"\\s*:\\s*(\\d+)");

	@RegisterExtension
	static final RunningDemo demo = new RunningDemo(PORTS);

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void noTampering() throws Exception {
		sandbox("DELETE", "/sandbox/tamper", null);
	}

	@Test
	void aBuyerPaysThroughTheLinkAndTheShopShowsTheOrderPaidOnceTheWebhookHasArrived() {
		WebDriver browser = chromium.driver();
		openCheckoutForGreenTea(browser);
		assertThat(text(browser, "checkout-total")).isEqualTo("3.14");
		assertThat(text(browser, "checkout-items")).contains("Green tea");

		click(browser, "pay");
		waitFor(browser)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-pi-sandbox-action='confirm']")))
			.click();

		// The success page is the shop's own; it says paid only for a verified webhook.
		waitFor(browser).until(driver -> path(driver).startsWith("/orders/checkout/cs_"));
		new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(driver -> "paid".equals(driver.findElement(By.id("order-status")).getText().strip()));
		assertThat(browser.getPageSource()).contains("Green tea");
	}

	@Test
	void aPaymentTheEmulatorCreatesWithALowerAmountIsRefusedAndNeverApproved() throws Exception {
		WebDriver browser = chromium.driver();
		openCheckoutForGreenTea(browser);
		int approvesBefore = approveCalls();
		sandbox("PUT", "/sandbox/tamper", "{\"amount\":\"0.01\",\"times\":1}");

		click(browser, "pay");

		waitFor(browser).until(driver -> text(driver, "checkout-status").contains("checkout_amount_mismatch"));
		assertThat(browser.findElement(By.id("retry")).isDisplayed()).isTrue();
		assertThat(path(browser)).startsWith("/pi-edge/checkout/cs_");
		assertThat(approveCalls()).as("Pi's approve calls").isEqualTo(approvesBefore);
	}

	/**
	 * From the framed shop's home page, not signed in: the Buy link goes through sign-in
	 * and lands on the checkout page, where the SDK asks who pays.
	 */
	private static void openCheckoutForGreenTea(WebDriver browser) {
		browser.get(FRAMED);
		intoTheAppFrame(browser);
		click(browser, "buy-green-tea");
		pickSandboxUser(browser, "alice");
		waitFor(browser).until(driver -> path(driver).startsWith("/pi-edge/checkout/cs_"));
		pickSandboxUser(browser, "alice");
		waitFor(browser).until(driver -> text(driver, "checkout-status").equals("Ready to pay."));
	}

	private int approveCalls() throws IOException, InterruptedException {
		Matcher calls = APPROVE_CALLS.matcher(sandbox("GET", "/sandbox/calls", null));
		return calls.find() ? Integer.parseInt(calls.group(1)) : 0;
	}

	private String sandbox(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SANDBOX + path))
			.timeout(Duration.ofSeconds(10));
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body();
	}

}
