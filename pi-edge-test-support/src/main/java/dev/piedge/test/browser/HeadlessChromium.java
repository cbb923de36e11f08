package dev.piedge.test.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests, driven through Debian's
 * {@code chromium-driver}. Register it as a static extension: one browser per test class,
 * with a fresh profile, and every cookie cleared before each test. <pre class="code">
 * &#064;RegisterExtension
 * static final HeadlessChromium chromium = new HeadlessChromium();
 * </pre>
 * <p>
 * Selenium Manager cannot download a driver on our machines, so the driver and the
 * browser are named explicitly ({@code /usr/bin/chromedriver} and
 * {@code /usr/bin/chromium}, or {@code PI_EDGE_CHROMEDRIVER} and
 * {@code PI_EDGE_CHROMIUM}). When they are missing, the tests are skipped with a message
 * saying what to install, except under {@code CI=true}, where a missing browser fails the
 * build: CI installs them ({@code .ci/run}) and must never pass by skipping.
 * <p>
 * The browser runs with its default cookie policy (third-party cookies included), so what
 * a test sees is what a Chromium user sees. The flags only keep it off the network: this
 * machine refuses every connection to Google's services, and Chromium would otherwise try
 * many at start-up.
 */
public final class HeadlessChromium implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";

	private static final String DEFAULT_BROWSER = "/usr/bin/chromium";

	private WebDriver driver;

	private Path profile;

	/** The browser, started for this test class. */
	public WebDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("HeadlessChromium must be registered as a static @RegisterExtension");
		}
		return this.driver;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		File driverFile = new File(setting("PI_EDGE_CHROMEDRIVER", DEFAULT_DRIVER));
		File browserFile = new File(setting("PI_EDGE_CHROMIUM", DEFAULT_BROWSER));
		if (!driverFile.canExecute() || !browserFile.canExecute()) {
			String missing = "browser tests need Chromium and its driver (" + browserFile + ", " + driverFile
					+ "): install Debian's chromium and chromium-driver (.ci/run does)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(missing + "; CI must run the browser tests, not skip them");
			}
			Assumptions.abort(missing);
		}
		this.profile = Files.createTempDirectory("pi-edge-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browserFile);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-extensions",
				"--disable-features=Translate,OptimizationHints,MediaRouter", "--window-size=1280,900",
				"--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverFile)
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.driver instanceof ChromeDriver chrome) {
			// Every cookie of every site and partition, not only the current page's.
			chrome.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
		if (this.profile != null) {
			deleteQuietly(this.profile);
		}
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// A profile left in the temporary directory is harmless.
		}
	}

}
