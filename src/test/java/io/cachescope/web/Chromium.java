package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser harness: Debian's headless Chromium with its console log kept, and the test
 * server every browser test uses (the web fixtures, lockfile uploads read). Skipped where
 * chromedriver is missing, except in CI, which installs it (.ci/setup-browser.sh).
 */
final class Chromium {
  private Chromium() {}

  static ChromeDriver start() throws IOException {
    boolean present = Files.isExecutable(Path.of("/usr/bin/chromedriver")) && Files.isExecutable(Path.of("/usr/bin/chromium"));
    if (System.getenv("CI") != null) {
      assertThat(present).as("CI must install chromium and chromium-driver").isTrue();
    }
    assumeTrue(present, "chromium / chromedriver not installed");
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory("chromium"), "--window-size=1280,900");
    o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** The server of the browser tests; each tag names its own mirror. */
  static Server server() {
    return new Server(new MemoryView(WebFixtures.catalog()), null, 64)
        .lockfiles((bytes, name) -> new io.cachescope.mirror.LockfileReader(new io.cachescope.catalog.Interner()).read(bytes, name));
  }
}
