package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.push.Outbox;
import dev.pressfeed.push.OutboxContract;
import dev.pressfeed.push.Ping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's outbox keeps the outbox's promises, in a file of its own. */
class EmbeddedOutboxTest extends OutboxContract {

  @TempDir
  Path directory;

  private final List<EmbeddedReleaseStore> opened = new ArrayList<>();

  @Override
  protected Outbox emptyOutbox() {
    EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory.resolve("store-" + opened.size()));
    opened.add(store);
    return store.outbox();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(EmbeddedReleaseStore::close);
  }

  @Test
  void aQueuedPingSurvivesReopeningTheStoreAndLeavesTheStoresSchemaAlone() throws Exception {
    Path dir = directory.resolve("reopened");
    Instant due = Instant.parse("2026-11-26T09:00:00Z");
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      store.outbox().enqueue(new Ping("kept", List.of("/feed.rss"), due, 2));
    }
    assertThat(dir.resolve(EmbeddedOutbox.FILE_NAME)).isRegularFile();
    assertThat(Files.size(dir.resolve(EmbeddedReleaseStore.FILE_NAME))).isPositive();
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      assertThat(store.outbox().due(due, 10)).containsExactly(new Ping("kept", List.of("/feed.rss"), due, 2));
    }
  }

  @Test
  void anOutboxFileFromBeforeInvalidationsKeepsItsPingsAndGainsTheColumn() throws Exception {
    Path dir = directory.resolve("old");
    Files.createDirectories(dir);
    Instant due = Instant.parse("2026-11-26T09:00:00Z");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(EmbeddedOutbox.FILE_NAME).toAbsolutePath());
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE pings (id TEXT PRIMARY KEY, due INTEGER NOT NULL, "
          + "attempt INTEGER NOT NULL, topics TEXT NOT NULL)");
      s.executeUpdate("INSERT INTO pings VALUES ('old', " + due.toEpochMilli() + ", 1, '/feed.rss')");
    }
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      Ping old = store.outbox().due(due, 10).get(0);
      assertThat(old).isEqualTo(new Ping("old", List.of("/feed.rss"), due, 1));
      Ping held = store.outbox().claim(old, due.plusSeconds(60)).orElseThrow();
      assertThat(store.outbox().release(held, held.waitingFor("I1"))).isTrue();
      assertThat(store.outbox().due(due.plusSeconds(60), 10).get(0).invalidation()).contains("I1");
    }
  }
}
