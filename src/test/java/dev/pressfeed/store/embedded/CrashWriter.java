package dev.pressfeed.store.embedded;

import dev.pressfeed.release.Release;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The victim of {@link EmbeddedStoreCrashIT}: writes to the store in {@code args[0]} as fast
 * as it can and acknowledges each write on stdout ({@code ACK <id> <version>}) only after the
 * store has returned, just as the gateway answers a client only after the write. Runs until
 * it is killed.
 */
public final class CrashWriter {

  private static final int MAX_RELEASES = 1_000_000;

  private CrashWriter() {}

  public static void main(String[] args) {
    PrintStream acks = System.out;
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(Path.of(args[0]))) {
      for (int i = 0; i < MAX_RELEASES; i++) {
        Release release = SampleReleases.published(String.format("crash-%07d", i), Instant.now());
        if (!store.insert(release)) {
          throw new IllegalStateException("id taken: " + release.id());
        }
        ack(acks, release);
        // Replaces too, so a kill can also fall in the middle of an update.
        for (int v = 2; v <= 1 + i % 3; v++) {
          Release next = SampleReleases.revised(release, "Fassung " + v, Instant.now());
          if (!store.replace(next, release.version())) {
            throw new IllegalStateException("lost its own update: " + release.id());
          }
          release = next;
          ack(acks, release);
        }
      }
    }
  }

  private static void ack(PrintStream acks, Release release) {
    acks.println("ACK " + release.id() + " " + release.version());
    acks.flush();
  }
}
