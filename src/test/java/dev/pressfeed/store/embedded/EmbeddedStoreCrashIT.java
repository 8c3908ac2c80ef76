package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.SortKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §7: the local store "survives kill -9; nothing is lost". A child JVM writes as fast as
 * it can and acknowledges each write; it is killed with SIGKILL mid-stream, and every write it
 * acknowledged must be there when the store is opened again.
 */
class EmbeddedStoreCrashIT {

  private static final Pattern ACK = Pattern.compile("ACK (\\S+) (\\d+)");
  private static final int SIGKILL_EXIT = 128 + 9;
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(30);

  @TempDir
  Path directory;

  @ParameterizedTest(name = "killed after {0} acknowledged writes")
  @ValueSource(ints = {50, 200, 500})
  void everyAcknowledgedWriteSurvivesKillNine(int killAfter) throws Exception {
    Path stderr = directory.resolve("writer.err");
    Path storeDirectory = directory.resolve("data");
    Process writer = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), storeDirectory.toString())
        .redirectError(stderr.toFile())
        .start();
    // A hung writer must not hang the build: killing it ends the read loop below.
    CompletableFuture.delayedExecutor(CHILD_DEADLINE.toSeconds(), TimeUnit.SECONDS)
        .execute(writer::destroyForcibly);
    Map<String, Long> acknowledged = new HashMap<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      int acks = 0;
      String line;
      while (acks < killAfter && (line = out.readLine()) != null) {
        acks += record(line, acknowledged);
      }
      assertThat(acks).as("acks before the writer stopped; its stderr: %s", errors(stderr))
          .isEqualTo(killAfter);

      // Through the handle: Process.destroyForcibly would also close our end of the pipe and
      // drop the acks still in it.
      writer.toHandle().destroyForcibly();
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).as("writer is gone").isTrue();
      assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(SIGKILL_EXIT);

      // Acks already in the pipe were sent after their writes returned: they count too.
      while ((line = out.readLine()) != null) {
        record(line, acknowledged);
      }
    } finally {
      writer.destroyForcibly();
    }

    try (EmbeddedReleaseStore reopened = EmbeddedReleaseStore.open(storeDirectory)) {
      acknowledged.forEach((id, version) -> {
        Optional<Release> stored = reopened.find(id);
        assertThat(stored).as("acknowledged %s v%d", id, version).isPresent();
        assertThat(stored.get().version()).as("version of %s", id).isGreaterThanOrEqualTo(version);
      });
      List<SortKey> listed = everyPublishedKey(reopened);
      assertThat(listed).as("newest first, each once")
          .isSortedAccordingTo((a, b) -> b.compareTo(a)).doesNotHaveDuplicates();
      Set<String> listedIds = new HashSet<>();
      listed.forEach(k -> listedIds.add(k.value().substring(k.value().indexOf('#') + 1)));
      assertThat(listedIds).containsAll(acknowledged.keySet());
    }
  }

  private static int record(String line, Map<String, Long> acknowledged) {
    Matcher m = ACK.matcher(line);
    if (!m.matches()) {
      return 0; // a line cut short by the kill: its write may or may not have returned
    }
    acknowledged.merge(m.group(1), Long.parseLong(m.group(2)), Math::max);
    return 1;
  }

  private static List<SortKey> everyPublishedKey(EmbeddedReleaseStore store) {
    Instant later = Instant.now().plus(Duration.ofHours(1));
    List<SortKey> keys = new ArrayList<>();
    Optional<SortKey> after = Optional.empty();
    do {
      Page page = store.published(ReleaseFilter.NONE, after, 100, later);
      page.items().forEach(r -> keys.add(r.publicSortKey()));
      after = page.next();
    } while (after.isPresent());
    return keys;
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static String errors(Path stderr) throws IOException {
    return Files.exists(stderr) ? Files.readString(stderr) : "(none)";
  }
}
