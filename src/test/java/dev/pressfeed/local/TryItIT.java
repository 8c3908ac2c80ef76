package dev.pressfeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Try it" in the README, run as written with bash and curl against the packaged jar, twice
 * over the same data: the second time after a restart, as a reader a day later would (a new
 * printed token, the first run's release and idempotency key still stored). Before, the second
 * run failed: a fixed Idempotency-Key, a hard-coded id and ETag, and a second gateway started
 * beside the first.
 */
class TryItIT {

  /**
   * Post, its page, five public reads, edit, editor list; then post another, retract it and see
   * its page gone.
   */
  private static final List<Integer> STEPS =
      List.of(201, 200, 200, 200, 200, 200, 200, 200, 200, 201, 204, 410);

  @TempDir Path work;

  @Test
  void tryItWorksTwiceWithOneGateway() throws Exception {
    String script = tryItScript();
    Map<String, String> env = Map.of("PORT", String.valueOf(PackagedJar.freePort()),
        "PRESSFEED_DATA_DIR", work.resolve("data").toString());
    List<String> locations = new ArrayList<>();
    for (int run = 1; run <= 2; run++) {
      try (PackagedJar jar = PackagedJar.start(PackagedJar.currentJava(), work, env)) {
        jar.awaitReady(Duration.ofSeconds(60));
        assertThat(jar.printedToken()).as("the token the gateway prints").isNotBlank();
        String out = bash(script, Map.of("TOKEN", jar.printedToken(), "API", jar.url()));
        List<Integer> statuses = new ArrayList<>();
        Matcher status = Pattern.compile("(?m)HTTP/1\\.1 (\\d{3}) [A-Z]").matcher(out);
        while (status.find()) {
          statuses.add(Integer.parseInt(status.group(1)));
        }
        System.out.println("Try it, run " + run + ": " + statuses);
        // (a status line may follow the previous answer's body on its line: bodies need not end in a newline)
        assertThat(statuses).as(out).isEqualTo(STEPS);
        Matcher location = Pattern.compile("(?mi)^location: (\\S+)").matcher(out);
        assertThat(location.find()).isTrue();
        locations.add(location.group(1));
        assertThat(location.group(1)).startsWith(jar.url() + "/releases/");
        jar.stop();
      }
    }
    assertThat(locations.get(1)).as("the second run's release is a new one").isNotEqualTo(locations.get(0));
  }

  /** The README's "Try it" block that posts, edits and retracts (the one with Idempotency-Key). */
  static String tryItScript() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Try it\n");
    int next = readme.indexOf("\n## ", section + 1);
    assertThat(section).as("README has a 'Try it' section").isPositive();
    Matcher block = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(readme.substring(section, next));
    while (block.find()) {
      if (block.group(1).contains("Idempotency-Key")) {
        return block.group(1);
      }
    }
    throw new AssertionError("no sh block with an Idempotency-Key in README's 'Try it'");
  }

  private static String bash(String script, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true);
    builder.environment().remove("PORT");
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (java.io.IOException e) {
      throw new AssertionError("bash is needed for this test: install it (apt-get install bash curl sed)", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).doesNotContain("command not found").doesNotContain("curl: (");
    return out;
  }
}
