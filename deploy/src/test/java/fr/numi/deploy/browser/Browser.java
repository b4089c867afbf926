package fr.numi.deploy.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never a downloaded
 * one) with what the browser tests need: waits, a screenshot per step under
 * {@code deploy/target/screenshots/}, and axe-core run in the page.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("numi.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("numi.chromedriver", "/usr/bin/chromedriver"));
    static final Path AXE = Path.of(System.getProperty("numi.axe.script", "target/npm/node_modules/axe-core/axe.min.js"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("numi.screenshots", "target/screenshots"));
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger STEP = new AtomicInteger();
    private static final String CSP_WATCH = """
            window.numiRefused = [];
            document.addEventListener('securitypolicyviolation',
                e => window.numiRefused.push(e.violatedDirective + ' refused ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """;

    private final String name;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Chromium, chromedriver and axe-core must be there: with {@code CI} set their absence fails the
     * tests (CI installs them), elsewhere it skips them.
     */
    static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (!Files.isReadable(AXE)) {
            missing.add(AXE + " (axe-core, fetched by the build with npm)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "browser tests need " + String.join(", ", missing)
                + ": apt-get install -y --no-install-recommends chromium chromium-driver (and npm where none is installed)";
        if (System.getenv("CI") != null) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    static Browser open(String name) {
        try {
            Path profile = Files.createTempDirectory("numi-chromium-" + name + "-");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogOutput(java.io.OutputStream.nullOutputStream())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-default-apps", "--password-store=basic", "--lang=fr-FR", "--window-size=1280,1400",
                    "--user-data-dir=" + profile);
            ChromeDriver driver = new ChromeDriver(service, options);
            // Every page notes what its Content-Security-Policy refused (a style attribute, an inline script…), from
            // its first line on: such a refusal is a part of the page that silently does not work.
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_WATCH));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(name, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    /** Waits (bounded) until the condition holds; the browser keeps running meanwhile. */
    <T> T until(Function<WebDriver, T> condition) {
        return until(WAIT, condition);
    }

    /** Waits for {@code condition}; an element that went stale (the page changed, e.g. a sign-in's redirects) is looked up again. */
    <T> T until(Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    WebElement visible(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    void untilText(String css, String expected) {
        until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(expected);
        });
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sends a DevTools command (e.g. network emulation). */
    Map<String, Object> devTools(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    /** Saves a screenshot of the window as {@code NN-<browser>-<step>.png}. */
    Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(String.format("%02d-%s-%s.png", STEP.incrementAndGet(), name, step));
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules, and best practices) in the page as it is now, and
     * asserts that no violation is serious or critical. Every finding is appended to
     * {@code screenshots/axe-report.txt}. Asserts too that the page's Content-Security-Policy refused nothing since it
     * loaded (a refused style attribute is a layout that silently does not apply).
     */
    void assertAccessible(String step) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe !== 'undefined';"))) {
            try {
                script(Files.readString(AXE, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        @SuppressWarnings("unchecked")
        List<String> findings = (List<String>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(
                  r => done(['axe ' + axe.version + ', ' + r.passes.length + ' rules passed'].concat(
                        r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                          + v.nodes.map(n => n.target.join(' ')).join(', ')))),
                  e => done(['critical axe-error: ' + e]));
                """);
        report(step, findings);
        assertThat(findings.get(0)).as("axe-core ran its rules on the page").matches("axe 4\\.\\d+\\.\\d+, [1-9]\\d* rules passed");
        findings = findings.subList(1, findings.size());
        assertThat(findings).as("serious or critical accessibility violations on " + step + " (" + driver.getCurrentUrl() + ")")
                .noneMatch(f -> f.startsWith("serious") || f.startsWith("critical"));
        assertThat((List<?>) script("return window.numiRefused;"))
                .as("what the Content-Security-Policy refused on " + step + " (" + driver.getCurrentUrl() + ")")
                .isNotNull().isEmpty();
    }

    private void report(String step, List<String> findings) {
        try {
            Files.createDirectories(SCREENSHOTS);
            StringBuilder line = new StringBuilder(name + " " + step + " " + driver.getCurrentUrl() + ": " + findings.get(0) + ", "
                    + (findings.size() - 1) + " violation(s)\n");
            findings.stream().skip(1).forEach(f -> line.append("  ").append(f).append('\n'));
            Files.writeString(SCREENSHOTS.resolve("axe-report.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile: the OS cleans up
            }
        }
    }
}
