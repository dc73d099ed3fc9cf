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

  /**
   * A static host for an exported site: files as they are, folders as their {@code index.html},
   * and (as GitHub Pages and Netlify do) {@code 404.html} with status 404 for anything else.
   */
  static com.sun.net.httpserver.HttpServer fileServer(java.nio.file.Path root) throws IOException {
    var s = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      java.nio.file.Path file = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      if (java.nio.file.Files.isDirectory(file)) {
        file = file.resolve("index.html");
      }
      int status = 200;
      if (!file.startsWith(root) || !java.nio.file.Files.isRegularFile(file)) {
        file = root.resolve("404.html");
        status = 404;
      }
      String name = file.getFileName().toString();
      ex.getResponseHeaders().add("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
          : name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
          : name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".gz") ? "application/gzip"
          : name.endsWith(".atom") ? "application/atom+xml" : "application/json");
      byte[] body = java.nio.file.Files.readAllBytes(file);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    return s;
  }
}
