package dev.pressfeed.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium, run by {@code src/test/node/check-pages.mjs} from the test tools the
 * build installs ({@code @sparticuz/chromium} carries the browser inside the npm package,
 * {@code puppeteer-core} drives it, {@code axe-core} and {@code html-validate} judge). One run
 * opens every page asked for at every width in one browser and answers what it saw as JSON;
 * the browser is gone when {@link #check} returns, whether the run passed, failed or hung.
 */
final class Browser {

  static final String INSTALL_HINT = "Run the tests with `mvn verify`: its pre-integration-test "
      + "phase copies src/test/node to target/test-tools and runs `npm ci` there, which installs "
      + "@sparticuz/chromium, puppeteer-core, axe-core and html-validate (Node.js 20 or newer and "
      + "npm must be on the PATH).";
  private static final List<String> PACKAGES =
      List.of("@sparticuz/chromium", "puppeteer-core", "axe-core", "html-validate");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Well above a run's few seconds; the script's own watchdog gives up before this. */
  private static final long TIMEOUT_SECONDS = 150;

  private Browser() {
  }

  /**
   * Opens the pages {@code checks} names (see the script's header for its shape) on the server
   * at {@code base}. {@code work} holds the unpacked browser, its profile and the run's output.
   */
  static JsonNode check(String base, JsonNode checks, Path work) throws IOException, InterruptedException {
    Path tools = tools();
    Path input = work.resolve("checks.json");
    Path out = work.resolve("result.json");
    Path err = work.resolve("check-pages.err");
    // Chromium unpacks into the temporary directory: one of this run's own, so two builds on one
    // machine never share (or half-share) an unpacked browser, and nothing is left behind.
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    JSON.writeValue(input.toFile(), checks);
    ProcessBuilder builder = new ProcessBuilder("node", tools.resolve("check-pages.mjs").toString(),
        base, input.toString()).directory(tools.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("TMPDIR", tmp.toString());
    Process node;
    try {
      node = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run `node`: " + e.getMessage() + ". " + INSTALL_HINT, e);
    }
    try {
      if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("check-pages.mjs did not finish within " + TIMEOUT_SECONDS + " s: "
            + Files.readString(err));
      }
    } finally {
      // Chromium is node's child in a process group of its own: end it by its handle, then node.
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
    }
    if (node.exitValue() != 0) {
      throw new AssertionError("check-pages.mjs failed (exit " + node.exitValue() + "): "
          + Files.readString(err));
    }
    return JSON.readTree(out.toFile());
  }

  private static Path tools() {
    String tools = System.getProperty("pressfeed.testTools");
    if (tools == null) {
      throw new AssertionError("system property pressfeed.testTools is not set. " + INSTALL_HINT);
    }
    Path dir = Path.of(tools);
    if (!Files.isRegularFile(dir.resolve("check-pages.mjs"))) {
      throw new AssertionError("check-pages.mjs is missing from " + dir + ". " + INSTALL_HINT);
    }
    for (String name : PACKAGES) {
      if (!Files.isRegularFile(dir.resolve("node_modules").resolve(name).resolve("package.json"))) {
        throw new AssertionError("npm package " + name + " is missing from " + dir + "/node_modules. "
            + INSTALL_HINT);
      }
    }
    return dir;
  }
}
