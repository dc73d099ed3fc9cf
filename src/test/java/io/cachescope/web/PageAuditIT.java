package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Every page type at a laptop's and a phone's width, light and dark: no console warning or
 * error, nothing wider than the viewport, and no serious or critical WCAG 2.1 AA violation in an
 * axe-core audit.
 */
class PageAuditIT {

  static Server server;
  static String base;
  static ChromeDriver driver;
  static com.sun.net.httpserver.HttpServer files;
  static String site;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    server = Chromium.server();
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    java.nio.file.Path out = java.nio.file.Files.createTempDirectory("cachescope-site");
    SiteExport.write(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", out.resolve("site"));
    files = Chromium.fileServer(out.resolve("site").toAbsolutePath());
    site = "http://127.0.0.1:" + files.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.stop();
    }
    if (files != null) {
      files.stop(0);
    }
  }

  /** The static export's page types, served as files. */
  static List<String> staticPages() {
    return List.of("", "search/?q=lib", "tag/develop-2025-03-30/", "package/libelf/", "package/libdwarf/?release=all&target=m1",
        "spec/?h=jr3yipyxyjulcdvckwwwjrrumis7glpa", "host/?arch=test-debian6-m1", "diff/", "coverage/");
  }

  @ParameterizedTest
  @MethodSource("staticPages")
  void staticPagesReadWellAndPassTheAudit(String page) {
    audit(site, page, null);
  }

  static List<String> pages() {
    String lib = "jr3yipyxyjulcdvckwwwjrrumis7glpa";
    return List.of("/", "/search/?q=lib", "/search/?q=nothing-like-it", "/tag/develop-2025-03-30/",
        "/package/develop-2025-03-30/libelf/", "/package/libelf/", "/package/libelf/?release=all", "/package/develop-2025-03-30/libdwarf/?target=m1",
        "/spec/" + lib + "/", "/search/?q=libelf%40%3A0.9+target%3Dm1", "/search/?q=libelf%40%403", "/search/?q=%2Fj", "/host/?os=debian6&target=m1", "/host/?os=debian6&target=zen9", "/host/", "/diff/", "/coverage/", "/package/develop-2025-03-30/no-such-package/");
  }

  @ParameterizedTest
  @MethodSource("pages")
  void readsWellAndPassesTheAudit(String page) {
    audit(base, page, "no-such-package");
  }

  /** {@code expected404}: a page meant to answer 404 (the browser logs that status). */
  private static void audit(String base, String page, String expected404) {
    for (int width : new int[] {1400, 390}) {
      for (String scheme : new String[] {"light", "dark"}) {
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        driver.get(base + page);
        // Static pages draw from data they fetch: let them finish first.
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10)).until(d ->
            !"Loading…".equals(((JavascriptExecutor) d).executeScript(
                "var s = document.getElementById('spec-status'); return s ? s.textContent : ''")));
        String where = page + " at " + width + " px, " + scheme;
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            // A 404 page is meant to answer 404; the browser logs that status.
            .filter(m -> !(expected404 != null && page.contains(expected404) && m.contains("404")))
            .toList();
        assertThat(console).as("console of " + where).isEmpty();
        long scroll = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        long viewport = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth");
        assertThat(scroll).as("width of " + where).isLessThanOrEqualTo(viewport);
        Results audit = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> bad = new ArrayList<>();
        for (Rule r : audit.getViolations()) {
          if ("serious".equals(r.getImpact()) || "critical".equals(r.getImpact())) {
            bad.add(r.getId() + " (" + r.getImpact() + "): " + r.getNodes().stream().limit(3)
                .map(n -> String.valueOf(n.getTarget()) + " " + n.getFailureSummary()).toList());
          }
        }
        assertThat(bad).as("axe-core audit of " + where).isEmpty();
      }
    }
  }
}
