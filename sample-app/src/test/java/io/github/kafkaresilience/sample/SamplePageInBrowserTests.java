package io.github.kafkaresilience.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample page in a real headless Chromium: it renders the order group's verdict and
 * partitions from the live endpoint, and leaves a screenshot for the README. Skipped
 * where Debian's {@code chromium} and {@code chromium-driver} are not installed.
 */
@SampleAppTest
class SamplePageInBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String GROUP = "[data-group='" + SampleAppClient.GROUP + "']";

	@LocalServerPort
	private int port;

	private WebDriver driver;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		// Here rather than in @BeforeAll, where Surefire would report no test at all
		// instead of a skipped one. The application context is shared with the other
		// sample tests, so this costs nothing in a full run.
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
		// Both paths explicit, so that Selenium Manager never looks for a browser or a
		// driver to download.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1440,1000", "--hide-scrollbars");
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void quitBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void pageShowsTheVerdictAndEveryPartitionOfTheOrderGroup() throws IOException {
		this.driver.get("http://localhost:" + this.port + "/");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text(GROUP + " [data-role='verdict']")).isEqualTo("OK"));
		assertThat(this.driver.findElements(By.cssSelector(GROUP + " tr.partition-row"))).hasSize(12);
		assertThat(text(GROUP + " [data-role='diagnosis']")).isNotEmpty();
		// A few more refreshes, so that the page's charts have a history to show.
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> Integer
				.parseInt(this.driver.findElement(By.cssSelector(GROUP)).getDomAttribute("data-samples")),
					(samples) -> samples >= 10);
		// Written to target/ on every run; -Dsample.screenshot=docs refreshes the one the
		// docs show.
		Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
		screenshot("docs".equals(System.getProperty("sample.screenshot"))
				? module.resolveSibling("docs/images/sample-app.png") : module.resolve("target/sample-app.png"));
	}

	private String text(String selector) {
		return this.driver.findElement(By.cssSelector(selector)).getText();
	}

	private void screenshot(Path file) throws IOException {
		// The whole page in one image: grow the window until its viewport holds the page,
		// checking again after the next render.
		JavascriptExecutor script = (JavascriptExecutor) this.driver;
		await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(2500)).until(() -> {
			int page = ((Number) script.executeScript("return document.documentElement.scrollHeight")).intValue();
			int viewport = ((Number) script.executeScript("return window.innerHeight")).intValue();
			int window = this.driver.manage().window().getSize().getHeight();
			this.driver.manage().window().setSize(new Dimension(1440, page + window - viewport));
			return viewport >= page;
		});
		Files.createDirectories(file.getParent());
		Files.write(file, ((ChromeDriver) this.driver).getScreenshotAs(OutputType.BYTES));
	}

}
