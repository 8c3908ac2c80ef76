package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a store on disk must promise: restarts, concurrent writers, contention. */
class EmbeddedReleaseStoreDurabilityTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final int WRITERS = 8;

  @TempDir
  Path directory;

  private ExecutorService threads;

  @BeforeEach
  void startThreads() {
    threads = Executors.newFixedThreadPool(WRITERS);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void reopeningTheDirectoryKeepsEverything() {
    Release older = SampleReleases.published("2025-03-01-older", NOW.minusSeconds(3600));
    Release revised = SampleReleases.revised(older, "Neu gefasst", NOW.minusSeconds(60));
    Release embargoed = SampleReleases.embargoed(
        "2025-03-01-embargo", NOW.minusSeconds(30), NOW.plus(Duration.ofHours(1)));
    IdempotencyRecord record =
        new IdempotencyRecord("editor:key-1", "hash", embargoed, NOW.plus(Duration.ofHours(24)));
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      assertThat(store.insertIdempotency(record, NOW)).isTrue();
      assertThat(store.insert(older)).isTrue();
      assertThat(store.replace(revised, 1)).isTrue();
      assertThat(store.insert(embargoed)).isTrue();
    }

    try (EmbeddedReleaseStore reopened = EmbeddedReleaseStore.open(directory)) {
      assertThat(reopened.find(older.id())).contains(revised);
      assertThat(reopened.find(embargoed.id())).contains(embargoed);
      assertThat(reopened.findIdempotency("editor:key-1")).contains(record);
      assertThat(reopened.published(ReleaseFilter.NONE, Optional.empty(), 10, NOW).items())
          .containsExactly(revised);
      assertThat(reopened.forEditors(EditorView.ALL, Optional.empty(), 10, NOW).items())
          .containsExactly(embargoed, revised);
      assertThat(reopened.replace(SampleReleases.revised(older, "Veraltet", NOW), 1))
          .as("the version survives the restart too").isFalse();
    }
  }

  @Test
  void openingCreatesTheDirectoryWithADurableVersionedSchema() throws SQLException {
    Path nested = directory.resolve("not/yet/there");
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(nested)) {
      assertThat(Files.isRegularFile(nested.resolve(EmbeddedReleaseStore.FILE_NAME))).isTrue();
      try (Connection raw = rawConnection(nested)) {
        assertThat(pragma(raw, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(raw, "user_version"))
            .isEqualTo(String.valueOf(EmbeddedReleaseStore.SCHEMA_VERSION));
      }
    }
  }

  @Test
  void aStoreOfSchemaTwoGetsItsFilterRowsWhenOpened() throws SQLException {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      store.insert(SampleReleases.published("2025-03-01-eins", NOW, "de-DE", List.of("Förderung")));
      store.insert(SampleReleases.published("2025-03-01-zwei", NOW.plusSeconds(1), "en",
          List.of("förderung")));
      store.insert(SampleReleases.embargoed("2025-03-01-drei", NOW, NOW.plusSeconds(60)));
    }
    // What version 2 left: no filter rows at all.
    try (Connection raw = rawConnection(directory); Statement s = raw.createStatement()) {
      s.executeUpdate("DROP TABLE release_filters");
      s.executeUpdate("PRAGMA user_version = 2");
    }

    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      Instant later = NOW.plusSeconds(120);
      assertThat(store.published(new ReleaseFilter("FÖRDERUNG", null), Optional.empty(), 10, later)
          .items()).extracting(Release::id).containsExactly("2025-03-01-zwei", "2025-03-01-eins");
      assertThat(store.published(new ReleaseFilter(null, "de"), Optional.empty(), 10, later)
          .items()).extracting(Release::id).containsExactly("2025-03-01-drei", "2025-03-01-eins");
      assertThat(store.published(new ReleaseFilter(null, "de"), Optional.empty(), 10, NOW)
          .items()).as("the embargo holds").extracting(Release::id)
          .containsExactly("2025-03-01-eins");
    }
    try (Connection raw = rawConnection(directory)) {
      assertThat(pragma(raw, "user_version"))
          .isEqualTo(String.valueOf(EmbeddedReleaseStore.SCHEMA_VERSION));
    }
  }

  @Test
  void aFilteredReadTouchesOnlyTheReleasesFiledUnderItsFilter() throws SQLException {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      store.insert(SampleReleases.published("2025-03-01-selten", NOW, "fr", List.of("Selten")));
      for (int i = 0; i < 300; i++) {
        store.insert(SampleReleases.published("2025-03-01-oft-" + i, NOW.plusSeconds(1 + i), "de",
            List.of("Oft")));
      }
    }
    // Every other release unreadable: a read that walked the archive would trip over them.
    try (Connection raw = rawConnection(directory); Statement s = raw.createStatement()) {
      assertThat(s.executeUpdate("UPDATE releases SET doc = 'kaputt' WHERE id LIKE '%-oft-%'"))
          .isEqualTo(300);
    }

    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      Instant later = NOW.plusSeconds(3600);
      for (ReleaseFilter filter : List.of(new ReleaseFilter("SELTEN", null),
          new ReleaseFilter(null, "fr"), new ReleaseFilter("selten", "fr"))) {
        assertThat(store.published(filter, Optional.empty(), 1, later).items())
            .as(filter.toString()).extracting(Release::id).containsExactly("2025-03-01-selten");
      }
      assertThat(store.published(new ReleaseFilter("unbekannt", null), Optional.empty(), 1, later)
          .items()).isEmpty();
    }
  }

  @Test
  void aStoreWrittenByANewerVersionIsNotOpened() throws SQLException {
    EmbeddedReleaseStore.open(directory).close();
    try (Connection raw = rawConnection(directory); Statement s = raw.createStatement()) {
      s.executeUpdate("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> EmbeddedReleaseStore.open(directory))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void concurrentReplacesOfOneVersionHaveExactlyOneWinner() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      Release current = SampleReleases.published("2025-03-01-contested", NOW);
      store.insert(current);
      for (int round = 0; round < 20; round++) {
        Release base = current;
        List<Release> candidates = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          candidates.add(SampleReleases.revised(base, "Fassung " + round + "-" + w, NOW));
        }
        List<Boolean> outcomes =
            allAtOnce(candidates, candidate -> store.replace(candidate, base.version()));

        assertThat(outcomes).as("round %d", round).containsOnlyOnce(true);
        Release winner = candidates.get(outcomes.indexOf(true));
        assertThat(store.find(base.id())).contains(winner);
        current = winner;
      }
    }
  }

  @Test
  void concurrentInsertsUnderOneIdHaveExactlyOneWinner() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      List<Release> candidates = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        candidates.add(SampleReleases.published("2025-03-01-same-id", NOW.plusSeconds(w)));
      }
      List<Boolean> outcomes = allAtOnce(candidates, store::insert);

      assertThat(outcomes).containsOnlyOnce(true);
      assertThat(store.find("2025-03-01-same-id"))
          .contains(candidates.get(outcomes.indexOf(true)));
    }
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyHaveExactlyOneWinner() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory)) {
      List<IdempotencyRecord> candidates = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Release release = SampleReleases.published("2025-03-01-try-" + w, NOW);
        candidates.add(new IdempotencyRecord("editor:k", "h" + w, release, NOW.plusSeconds(60)));
      }
      List<Boolean> outcomes = allAtOnce(candidates, r -> store.insertIdempotency(r, NOW));

      assertThat(outcomes).containsOnlyOnce(true);
      assertThat(store.findIdempotency("editor:k"))
          .contains(candidates.get(outcomes.indexOf(true)));
    }
  }

  @Test
  void aWriteHeldUpByAnotherProcessIsReportedUnavailable() throws SQLException {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory, Duration.ofMillis(100));
        Connection other = rawConnection(directory);
        Statement lock = other.createStatement()) {
      lock.execute("BEGIN EXCLUSIVE");
      Release release = SampleReleases.published("2025-03-01-waiting", NOW);

      assertThatThrownBy(() -> store.insert(release))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(store.find(release.id())).as("reads go on under WAL").isEmpty();

      lock.execute("ROLLBACK");
      assertThat(store.insert(release)).isTrue();
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    EmbeddedReleaseStore store = EmbeddedReleaseStore.open(directory);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.find("2025-03-01-any"))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Runs {@code action} on every value on its own thread, released together. */
  private <T> List<Boolean> allAtOnce(List<T> values, ThrowingPredicate<T> action)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(values.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> futures = new ArrayList<>();
    for (T value : values) {
      Callable<Boolean> task = () -> {
        ready.countDown();
        go.await();
        return action.test(value);
      };
      futures.add(threads.submit(task));
    }
    ready.await();
    go.countDown();
    List<Boolean> outcomes = new ArrayList<>();
    for (Future<Boolean> f : futures) {
      outcomes.add(f.get(10, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private interface ThrowingPredicate<T> {
    boolean test(T value) throws Exception;
  }

  private static Connection rawConnection(Path dir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve(EmbeddedReleaseStore.FILE_NAME).toAbsolutePath());
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
