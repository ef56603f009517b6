package com.bakeryia.launcher.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium driving the operator console: Debian's {@code chromium} and
 * {@code chromium-driver} at their packaged paths (or {@code -Dconsole.chromium=} and
 * {@code -Dconsole.chromedriver=}), given explicitly so Selenium never downloads a browser or a
 * driver; a fresh profile and download directory per browser; a 1280x800 window. Waits are explicit
 * (a condition and a deadline), never sleeps.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Where screenshots go: the build's output, never the source tree. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;
    private final Path downloads;

    private ConsoleBrowser(ChromeDriver driver, String base, Path profile, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Starts the browser against the platform on {@code port}; fails, saying what to install, when there is none. */
    static ConsoleBrowser start(int port) throws IOException {
        Path chromium = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver))
                .as("The console's browser tests need Debian's chromium and chromium-driver (%s and %s):"
                        + " apt-get install -y chromium chromium-driver (.ci/run installs them when missing)",
                        chromium, chromedriver)
                .isTrue();
        Path profile = Files.createTempDirectory("console-browser-profile");
        Path downloads = Files.createTempDirectory("console-browser-downloads");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        return new ConsoleBrowser(driver, "http://127.0.0.1:" + port + "/console/", profile, downloads);
    }

    /** The console's sign-in page, with nobody signed in in this tab. */
    void openSignedOut() {
        driver.get(base);
        driver.executeScript("sessionStorage.clear();");
        driver.navigate().refresh();
        waitFor(By.id("email"));
    }

    /** Signs in with the form (clicks and typing) and waits for the page the console shows next. */
    void signIn(String email, String password) {
        openSignedOut();
        find(By.id("email")).sendKeys(email);
        find(By.id("password")).sendKeys(password);
        find(By.id("sign-in")).click();
        waitUntil(d -> d.findElement(By.id("nav")).isDisplayed() || !d.findElements(By.id("not-operator")).isEmpty()
                || d.findElements(By.id("sign-in-problem")).stream().anyMatch(problem -> !problem.getText().isBlank()));
    }

    /** Moves to a route of the signed-in console without reloading the page. */
    void go(String route) {
        driver.executeScript("location.hash = arguments[0];", route);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "'" + text + "' in " + locator + "; the page says: "
                + driver.findElement(By.id("main")).getText())
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        // The console re-renders what changed, so an element read a moment ago may be gone: look again.
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> condition.apply(driver));
    }

    WebElement find(By locator) {
        return driver.findElement(locator);
    }

    List<WebElement> findAll(By locator) {
        return driver.findElements(locator);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs {@code script} in the page until it calls its last argument with the answer. */
    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses keys on whatever has the focus, as a person at a keyboard would. */
    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element matches, at most {@code limit} times; answers it. */
    WebElement tabTo(String what, Predicate<WebElement> matches, int limit) {
        return moveFocus(() -> keys(Keys.TAB), what, matches, limit);
    }

    /** Presses Shift+Tab until the focused element matches, at most {@code limit} times; answers it. */
    WebElement tabBackTo(String what, Predicate<WebElement> matches, int limit) {
        return moveFocus(this::shiftTab, what, matches, limit);
    }

    /** Moves the focus back one stop. */
    void shiftTab() {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    private WebElement moveFocus(Runnable press, String what, Predicate<WebElement> matches, int limit) {
        for (int i = 0; i < limit; i++) {
            press.run();
            WebElement focused = focused();
            if (matches.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached " + what + " in " + limit + " presses; focus is on "
                + describe(focused()));
    }

    static String describe(WebElement element) {
        return "<" + element.getTagName() + " id='" + element.getDomAttribute("id") + "'>" + element.getText();
    }

    /** Waits for a finished download named {@code name} and answers its path. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        waitUntil(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** Saves what the window shows as {@code target/console-screenshots/<name>.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
        for (Path directory : List.of(profile, downloads)) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
