package dev.piedge.e2e;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests do in the sandbox's Pi Browser host page and the app it frames:
 * enter the app's frame, pick a demo user in the SDK emulator, click and read elements by
 * id, each waiting up to 20 seconds for the page to get there.
 */
final class PiBrowserActions {

	private PiBrowserActions() {
	}

	static void pickSandboxUser(WebDriver browser, String username) {
		By user = By.cssSelector("[data-pi-sandbox-user='" + username + "']");
		waitFor(browser).until(ExpectedConditions.elementToBeClickable(user)).click();
	}

	static void intoTheAppFrame(WebDriver browser) {
		browser.switchTo().defaultContent();
		waitFor(browser).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.tagName("iframe")));
	}

	static void click(WebDriver browser, String id) {
		waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	/**
	 * The text of the element with this id, on whatever page the browser has reached: an
	 * element of the page that is being replaced goes stale, and is looked up again.
	 */
	static String text(WebDriver browser, String id) {
		return waitFor(browser).ignoring(StaleElementReferenceException.class)
			.until(driver -> driver.findElement(By.id(id)).getText().strip());
	}

	/** The path of the page the browser (or the frame it is in) shows. */
	static String path(WebDriver browser) {
		return (String) ((JavascriptExecutor) browser).executeScript("return location.pathname");
	}

	static WebDriverWait waitFor(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

}
