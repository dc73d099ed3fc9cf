package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cachescope.Fixtures;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI in Debian's Chromium, headless: search, a facet, a spec page, a copy button, a hostile
 * spec, and the static export served by a plain file server. Skipped where chromedriver is not
 * installed; CI installs it (.ci/setup-browser.sh).
 */
class BrowserIT {

  static Server server;
  static String base;
  static WebDriver driver;

  @TempDir static Path tmp;

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

  /** A plain file server (Java 17 has no SimpleFileServer): folders answer with index.html. */

  static WebDriverWait waitFor() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  @Test
  void searchFacetSpecPageAndCopy() {
    driver.get(base + "/");
    driver.findElement(By.id("q")).sendKeys("LIBEL");
    driver.findElement(By.cssSelector("form.search button")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("result-count")));
    assertThat(driver.findElement(By.id("result-count")).getText()).startsWith("1 package found");
    driver.findElement(By.linkText("libelf")).click();

    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("showing")));
    assertThat(driver.findElement(By.id("showing")).getText()).isEqualTo("Showing 1–2 of 2 builds");
    driver.findElement(By.cssSelector("details.facet:nth-of-type(6) summary, details.facet summary")).isDisplayed();
    ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('details.facet').forEach(d => d.open = true)");
    driver.findElement(By.cssSelector("a.facet-value[data-facet='target'][data-value='m1']")).click();
    waitFor().until(ExpectedConditions.urlContains("target=m1"));
    assertThat(driver.findElement(By.id("showing")).getText()).isEqualTo("Showing 1 build (2 in all)");
    assertThat(driver.findElements(By.cssSelector("#specs tbody tr"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector(".chip")).getText()).contains("Target: m1");

    driver.findElement(By.cssSelector("a.hash")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
    // The page keeps to its own Content-Security-Policy: no inline style, no console error.
    assertThat(driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
        .extracting(org.openqa.selenium.logging.LogEntry::getMessage).isEmpty();
    List<WebElement> steps = driver.findElements(By.cssSelector("ol.steps li"));
    assertThat(steps).extracting(li -> li.findElement(By.tagName("code")).getText()).containsExactly(
        "spack mirror add --unsigned spack-develop-2025-03-30 " + Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned"),
        "spack install /jr3yipyxyjulcdvckwwwjrrumis7glpa");
    // One command per copy button, and what is copied is what is shown.
    for (WebElement step : steps) {
      step.findElement(By.cssSelector("button.copy")).click();
      Object copied = ((JavascriptExecutor) driver).executeScript("return window.lastCopied");
      assertThat(copied).asString().isEqualTo(step.findElement(By.tagName("code")).getText()).doesNotContain("&&");
    }
  }

  @Test
  void theBuildsTableSortsFromTheKeyboardHidesCommonValuesAndOpensAnInstallDialog() {
    driver.get(base + "/package/develop-2025-03-30/libelf/");
    WebElement th = driver.findElement(By.cssSelector("#specs th.c-target"));
    assertThat(th.getAttribute("aria-sort")).isEqualTo("none");
    WebElement sort = th.findElement(By.cssSelector("button.sort"));
    sort.sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(th.getAttribute("aria-sort")).isEqualTo("ascending");
    List<String> up = driver.findElements(By.cssSelector("#specs tbody td.c-target")).stream().map(WebElement::getText).toList();
    sort.sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(th.getAttribute("aria-sort")).isEqualTo("descending");
    List<String> down = driver.findElements(By.cssSelector("#specs tbody td.c-target")).stream().map(WebElement::getText).toList();
    assertThat(up).isSorted().hasSize(2);
    List<String> reversed = new java.util.ArrayList<>(up);
    java.util.Collections.reverse(reversed);
    assertThat(down).containsExactlyElementsOf(reversed);

    // Both builds are libelf@0.8.13 from the same compiler: that moves to the line above.
    assertThat(driver.findElement(By.id("common")).getText()).contains("0.8.13");
    assertThat(driver.findElement(By.cssSelector("#specs td.c-version")).isDisplayed()).isFalse();
    driver.findElement(By.id("hide-common")).click();
    assertThat(driver.findElement(By.cssSelector("#specs td.c-version")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("common")).isDisplayed()).isFalse();

    driver.findElement(By.cssSelector("details.columns summary")).click();
    driver.findElement(By.cssSelector("input.column-toggle[data-column='target']")).click();
    assertThat(driver.findElement(By.cssSelector("#specs td.c-target")).isDisplayed()).isFalse();

    WebElement install = driver.findElement(By.cssSelector("#specs button.install-open"));
    assertThat(install.getAttribute("aria-label")).startsWith("Install libelf@0.8.13 /");
    install.sendKeys(org.openqa.selenium.Keys.ENTER);
    WebElement dialog = driver.findElement(By.id(install.getAttribute("data-dialog")));
    assertThat(dialog.getAttribute("open")).isNotNull();
    assertThat(dialog.findElements(By.cssSelector("ol.steps li code"))).hasSize(2);
    dialog.findElement(By.cssSelector("ol.steps button.copy")).click();
    waitFor().until(d -> d.findElement(By.id("live")).getText().startsWith("Copied spack mirror add"));
    dialog.sendKeys(org.openqa.selenium.Keys.ESCAPE);
    waitFor().until(d -> dialog.getAttribute("open") == null);
  }

  @Test
  void aHostPickedInTheHeaderMarksTheBuildsThatInstallThere() {
    driver.get(base + "/package/develop-2025-03-30/libelf/");
    driver.findElement(By.cssSelector("details.host-picker summary")).click();
    waitFor().until(d -> d.findElements(By.cssSelector("#host-os option")).size() > 0);
    driver.findElement(By.id("host-arch")).sendKeys("test-debian6-m1");
    driver.findElement(By.cssSelector("#host-form button[type=submit]")).click();
    waitFor().until(d -> d.findElements(By.cssSelector("#specs tr.on-host")).size() == 1);
    assertThat(driver.findElement(By.id("host-name")).getText()).isEqualTo("test-debian6-m1");
    assertThat(driver.findElement(By.cssSelector("#specs tr.on-host td.c-target")).getText()).isEqualTo("m1");
    driver.findElement(By.id("only-host")).click();
    assertThat(driver.findElements(By.cssSelector("#specs tbody tr")).stream().filter(WebElement::isDisplayed).count()).isEqualTo(1);

    // Remembered in the browser; a target archspec does not know is said plainly.
    driver.get(base + "/search/?q=libelf");
    driver.get(base + "/package/develop-2025-03-30/libelf/");
    waitFor().until(d -> d.findElements(By.cssSelector("#specs tr.on-host")).size() == 1);
    driver.findElement(By.cssSelector("details.host-picker summary")).click();
    driver.findElement(By.id("host-arch")).sendKeys("test-debian6-zen9");
    driver.findElement(By.cssSelector("#host-form button[type=submit]")).click();
    waitFor().until(d -> d.findElement(By.id("host-note")).getText().contains("does not know the target zen9"));
    assertThat(driver.findElements(By.cssSelector("#specs tr.on-host"))).isEmpty();
    driver.findElement(By.id("host-clear")).click();
    assertThat(driver.findElement(By.id("host-name")).getText()).isEqualTo("not set");
  }

  @Test
  void specQueriesCaretErrorsClosestBinariesReleasesAndALockfileUpload() {
    // A spec-syntax query from the header's search box.
    driver.get(base + "/");
    driver.findElement(By.id("q")).sendKeys("libelf@0.8.13 target=m1");
    driver.findElement(By.cssSelector("form.search button")).click();
    waitFor().until(d -> d.findElement(By.id("result-count")).getText().startsWith("1 binary matches"));
    assertThat(driver.findElement(By.cssSelector("#spec-results tbody td a")).getText()).isEqualTo("libelf@0.8.13");
    // A caret error, as Spack prints it.
    driver.get(base + "/search/?q=" + java.net.URLEncoder.encode("libelf@@0.8", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(driver.findElement(By.cssSelector("pre.error")).getText()).contains("libelf@@0.8").contains("^");
    // Nothing matches: the closest binaries and what differs.
    driver.get(base + "/search/?q=" + java.net.URLEncoder.encode("libelf os=ubuntu99.04", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(driver.findElement(By.id("nearest")).getText()).contains("Closest binaries").contains("ubuntu99.04");

    // The package across releases, narrowed by a release.
    driver.get(base + "/package/libelf/?release=all");
    assertThat(driver.findElement(By.id("showing")).getText()).isEqualTo("Showing 1–2 of 2 builds");
    driver.findElement(By.cssSelector("a.facet-value[data-facet='release'][data-value='develop-2025-03-30']")).click();
    waitFor().until(ExpectedConditions.urlContains("release=develop-2025-03-30"));
    assertThat(driver.findElement(By.cssSelector(".chip")).getText()).contains("Release: develop-2025-03-30");
    assertThat(driver.findElements(By.cssSelector("#specs td.c-release"))).hasSize(2);

    // A lockfile chosen as a file: read into the form in the browser, sent, reported.
    driver.get(base + "/coverage/");
    driver.findElement(By.id("lock-file")).sendKeys(Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock").toAbsolutePath().toString());
    waitFor().until(d -> !d.findElement(By.id("lock")).getAttribute("value").isEmpty());
    driver.findElement(By.cssSelector(".coverage-form button[type=submit]")).click();
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-report")));
    assertThat(driver.findElement(By.cssSelector("#coverage-report h2")).getText()).matches("\\d+ specs: .*");
    assertThat(driver.findElements(By.cssSelector("#coverage tbody tr"))).isNotEmpty();
  }

  @Test
  void aHostileSpecRendersHarmlessly() {
    driver.get(base + "/package/develop-2025-01-05/" + Links.segment(WebFixtures.HOSTILE_NAME) + "/");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains(WebFixtures.HOSTILE_NAME);
    assertThat(driver.findElement(By.cssSelector("td.c-variants")).getText()).contains("</script><script>alert(2)</script>");
    driver.get(base + "/spec/" + WebFixtures.HOSTILE_HASH + "/");
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains(WebFixtures.HOSTILE_NAME);
  }

  @Test
  void theStaticExportSearchesWithAFileServerOnly() throws Exception {
    Path site = tmp.resolve("site");
    SiteExport.write(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", site);
    // The hostile name holds a '/': it cannot be a folder, so the export leaves its page out.
    try (var names = java.nio.file.Files.list(site.resolve("package"))) {
      assertThat(names.map(p -> p.getFileName().toString())).contains("libelf").noneMatch(n -> n.contains("script"));
    }
    HttpServer files = Chromium.fileServer(site.toAbsolutePath());
    try {
      String root = "http://127.0.0.1:" + files.getAddress().getPort() + "/";
      driver.get(root + "search/?q=lib");
      waitFor().until(d -> d.findElement(By.id("result-count")).getText().startsWith("2 packages"));
      assertThat(driver.findElements(By.cssSelector("#static-results a"))).extracting(e -> e.getText())
          .containsExactly("libdwarf", "libelf");
      // One set of search rules (docs/search.md) over every tag: the export's script answers as
      // the server does (the hostile name, left out of the export, aside).
      CatalogView view = new MemoryView(WebFixtures.catalog());
      for (String q : List.of("elf$", "LIBDWARF", "$", "lib", "f", "nothing-like-it")) {
        List<String> expected = Search.matching(view.packageNames(), q).stream()
            .filter(io.cachescope.render.SiteWriterNames::isSafe).toList();
        driver.get(root + "search/?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        waitFor().until(d -> d.findElement(By.id("result-count")).getText().startsWith(expected.size() + " package"));
        assertThat(driver.findElements(By.cssSelector("#static-results a"))).extracting(e -> e.getText())
            .as("static search for %s", q).containsExactlyElementsOf(expected);
      }
      driver.get(root + "search/?q=lib");
      waitFor().until(d -> d.findElement(By.id("result-count")).getText().startsWith("2 packages"));
      driver.findElement(By.linkText("libelf")).click();
      waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("showing")));
      assertThat(driver.findElement(By.id("showing")).getText()).isEqualTo("Showing 1–2 of 2 builds");
      // Facets filter in the browser: no server behind this page.
      ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('details.facet').forEach(d => d.open = true)");
      driver.findElement(By.cssSelector("a.facet-value[data-facet='target'][data-value='m1']")).click();
      waitFor().until(d -> d.findElement(By.id("showing")).getText().equals("Showing 1 build (2 in all)"));
      assertThat(driver.findElements(By.cssSelector("#specs tbody tr")).stream().filter(e -> e.isDisplayed()).count()).isEqualTo(1);
      driver.findElement(By.cssSelector("a.facet-value[data-facet='target'][data-value='m1']")).click();
      waitFor().until(d -> d.findElement(By.id("showing")).getText().equals("Showing 1–2 of 2 builds"));
      assertThat(driver.getCurrentUrl()).as("filters live in the URL").contains("release=");
      String hash = driver.findElement(By.cssSelector("#specs tbody tr")).getAttribute("data-hash");
      driver.findElement(By.cssSelector("a.hash")).click();
      waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
      // The spec page, drawn from its gzip shard: the hash, and install steps naming the mirror.
      assertThat(driver.findElement(By.id("static-spec")).getText()).contains(hash, "spack install /" + hash,
          "https://binaries.spack.io/develop");
      // The server's longer URLs reach these pages through 404.html, as on GitHub Pages.
      driver.get(root + "package/develop-2025-03-30/libelf/?target=m1");
      waitFor().until(d -> d.getCurrentUrl().contains("package/libelf/?release=develop-2025-03-30&target=m1"));
      waitFor().until(d -> d.findElement(By.id("showing")).getText().equals("Showing 1 build (2 in all)"));
      driver.get(root + "spec/" + hash + "/");
      waitFor().until(d -> d.getCurrentUrl().endsWith("spec/?h=" + hash));
      waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.steps")));
      // The host page in the browser: the fixture's m1 builds install on that host.
      driver.get(root + "host/?arch=test-debian6-m1");
      waitFor().until(d -> d.findElement(By.id("sh-note")).getText().contains("packages have builds that install")
          || d.findElement(By.id("sh-note")).getText().contains("package has builds that install"));
    } finally {
      files.stop(0);
      // The 404 of a redirected URL is logged by the browser: drain it, later tests read the console.
      driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
    }
  }
}
