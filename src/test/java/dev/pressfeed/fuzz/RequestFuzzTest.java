package dev.pressfeed.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.embedded.EmbeddedReleaseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request fuzzer over the embedded SQLite store, through the Lambda handlers in-process:
 * {@value #REQUESTS} requests per run ({@code -Dpressfeed.fuzz.embedded=N} to change), in
 * sessions of {@value #PER_SESSION} from an empty store. The run goes on after a failure and
 * lists every distinct one, each with its seed and a curl reproducer.
 */
class RequestFuzzTest {

  static final int REQUESTS = 90_000;
  static final int PER_SESSION = 300;

  @Test
  void everyAnswerIsASuccessOrAProblemAndNoRefusedWriteChangesAnything() throws Exception {
    // On tmpfs where there is one: the store's fsyncs cost nothing there, and durability is
    // not what this test is about (EmbeddedReleaseStoreDurabilityTest is).
    Path shm = Path.of("/dev/shm");
    Path directory = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "pressfeed-fuzz") : Files.createTempDirectory("pressfeed-fuzz");
    Findings findings = new Findings();
    long seed = FuzzRun.seed();
    FuzzRun.Totals totals;
    try {
      totals = FuzzRun.run(new FuzzRun.Stores() {
        @Override
        public ReleaseStore open(int session) {
          return EmbeddedReleaseStore.open(directory.resolve("session-" + session));
        }

        @Override
        public void close(int session, ReleaseStore store) throws IOException {
          ((EmbeddedReleaseStore) store).close();
          delete(directory.resolve("session-" + session));
        }
      }, FuzzRun.count("pressfeed.fuzz.embedded", REQUESTS), PER_SESSION, seed, findings);
    } finally {
      delete(directory);
    }
    System.out.println(totals.line("embedded store"));
    assertThat(findings.isEmpty())
        .as("%d distinct failures (seed %d; -Dpressfeed.fuzz.seed=%d repeats the run):%s",
            findings.size(), seed, seed, findings.report())
        .isTrue();
    assertThat(totals.accepted()).as("accepted writes (feeds are read after each)").isGreaterThan(totals.requests() / 40);
  }

  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
