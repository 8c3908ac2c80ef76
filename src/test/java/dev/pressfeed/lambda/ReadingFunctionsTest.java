package dev.pressfeed.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.Fixtures;
import dev.pressfeed.release.Newsroom;
import dev.pressfeed.release.Release;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed and releases functions serve releases from their stored rendering: in a JVM of their
 * own, warm-ups and every route included, they load neither the Markdown renderer nor the
 * sanitiser (about 400 classes and 60 ms of a cold start). Checked by the JVM's own class-loading
 * log, so nothing in this JVM (which has loaded both long ago) can hide a load.
 */
class ReadingFunctionsTest {

  private static final List<String> ANSWERS = List.of("ANSWER /feed.rss 200",
      "ANSWER /feed.atom 200", "ANSWER /feed.json 200", "ANSWER /releases 200");

  @TempDir Path dir;

  @Test
  void readingFunctionsLoadNoMarkdownRendererNoSanitiserAndFeedsNoTemplates() throws Exception {
    String id;
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir.resolve("data"))) {
      id = new Newsroom(store, Clock.systemUTC()).create(Fixtures.seedInput()).id();
    }

    List<String> log = readingFunctions(id);

    assertThat(log).containsAll(ANSWERS).contains("ANSWER /releases/" + id + " 200");
    int pagesFollow = log.indexOf(ReadingFunctions.PAGES_FOLLOW);
    assertThat(loaded(log.subList(0, pagesFollow))).as("the log names what was loaded")
        .contains("dev.pressfeed.release.Rendering", "dev.pressfeed.feed.RssFeed")
        .noneMatch(name -> name.startsWith("org.jsoup.") || name.startsWith("org.commonmark."))
        .as("no template and no page class in the feed and releases functions")
        .noneMatch(name -> name.startsWith("gg.jte.") || name.startsWith("dev.pressfeed.page."))
        .as("no request asked for gzip: the deflater stays unloaded (issue 14)")
        .noneMatch(name -> name.equals("java.util.zip.Deflater") || name.equals("dev.pressfeed.http.Gzip"))
        .as("nothing of the WebSub pings, not even with a hub set (issue 15), but the port's interface,"
            + " which the verifier loads for the stores' outbox() (one small class, no initialiser)")
        .noneMatch(name -> name.startsWith("dev.pressfeed.push.") && !name.equals("dev.pressfeed.push.Outbox")
            || name.startsWith("java.net.http.")
            || name.startsWith("software.amazon.awssdk.services.lambda."))
        .as("no agent reported subscribers: nothing of the audience is loaded (SPEC §11)")
        .noneMatch(name -> name.startsWith("dev.pressfeed.audience."));
    // The pages function renders the same stored HTML into its templates, composing nothing.
    assertThat(log.subList(pagesFollow, log.size())).contains("ANSWER / 200", "ANSWER /news/" + id + " 200");
    assertThat(loaded(log.subList(pagesFollow, log.size())))
        .contains("dev.pressfeed.page.templates.JtereleaseGenerated")
        .noneMatch(name -> name.startsWith("org.jsoup.") || name.startsWith("org.commonmark."));
  }

  @Test
  void aReleaseStoredWithoutARenderingIsComposedOnReadAndLoadsThem() throws Exception {
    // The other side of the test above: were a read to compose, the log would show it.
    Instant published = Instant.parse(Fixtures.seedInput().publishAt());
    Release before = new Release("2020-09-14-vor-der-umstellung", "urn:uuid:" + UUID.randomUUID(),
        Fixtures.seedInput(), Release.State.PUBLISHED, published, published, published, 1);
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir.resolve("data"))) {
      assertThat(store.insert(before)).isTrue();
    }

    List<String> log = readingFunctions(before.id());

    assertThat(log).containsAll(ANSWERS);
    assertThat(loaded(log))
        .anyMatch(name -> name.startsWith("org.jsoup."))
        .anyMatch(name -> name.startsWith("org.commonmark."));
  }

  /** Runs {@link ReadingFunctions} with {@code -verbose:class}; its output, line by line. */
  private List<String> readingFunctions(String id) throws IOException, InterruptedException {
    Path output = dir.resolve("reading-functions.log");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
        "-cp", System.getProperty("java.class.path"), ReadingFunctions.class.getName(),
        dir.resolve("data").toString(), id)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
    } finally {
      process.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit status; output ends: %s",
        lines.subList(Math.max(0, lines.size() - 20), lines.size())).isZero();
    return lines;
  }

  /** Class names from lines such as {@code [0.041s][info][class,load] java.lang.Object source: …}. */
  private static List<String> loaded(List<String> log) {
    return log.stream()
        .filter(line -> line.contains("[class,load] "))
        .map(line -> line.substring(line.indexOf("[class,load] ") + "[class,load] ".length()).split(" ", 2)[0])
        .toList();
  }
}
