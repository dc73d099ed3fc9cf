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

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    server = Chromium.server();
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.stop();
    }
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
    for (int width : new int[] {1400, 390}) {
      for (String scheme : new String[] {"light", "dark"}) {
        driver.manage().window().setSize(new Dimension(width, 900));
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        driver.get(base + page);
        String where = page + " at " + width + " px, " + scheme;
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            // A 404 page is meant to answer 404; the browser logs that status.
            .filter(m -> !(page.contains("no-such-package") && m.contains("404")))
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
