package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.release.FeedState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed state row needs no schema change of its own: the public edition and the embargo
 * owners are encoded in the {@code embargoes} text, and a row written before them still reads.
 */
class FeedStateRowTest {

  @TempDir Path dir;

  @Test
  void aRowInTheOlderFormatReadsWithItsRevisionAsEditionAndUnownedTimes() throws Exception {
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      assertThat(store.feedState()).isEqualTo(FeedState.INITIAL);
    }
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve(EmbeddedReleaseStore.FILE_NAME).toAbsolutePath());
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO feed_state (id, revision, changed_at, embargoes) "
          + "VALUES (1, 7, 1700000000000, '1700000600000,1700000900000')");
    }
    try (EmbeddedReleaseStore store = EmbeddedReleaseStore.open(dir)) {
      FeedState old = store.feedState();
      assertThat(old).isEqualTo(new FeedState(7, 7, Instant.ofEpochMilli(1_700_000_000_000L), List.of(
          FeedState.Embargo.unowned(Instant.ofEpochMilli(1_700_000_600_000L)),
          FeedState.Embargo.unowned(Instant.ofEpochMilli(1_700_000_900_000L)))));

      FeedState next = old.recording(new FeedState.Embargo(Instant.ofEpochMilli(1_700_000_700_000L),
          "urn:uuid:0f8e3c1a-5d2b-4e57-9a61-2f9c8b7d6e54", 3), Instant.ofEpochMilli(1_700_000_100_000L))
          .changed(Instant.ofEpochMilli(1_700_000_100_000L)).successorOf(old);
      assertThat(store.replaceFeedState(next, 7)).isTrue();
      assertThat(store.feedState()).isEqualTo(next);
      assertThat(next.edition()).isEqualTo(8);
      assertThat(next.embargoes()).hasSize(3);
    }
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve(EmbeddedReleaseStore.FILE_NAME).toAbsolutePath());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).as("schema version kept").isEqualTo(EmbeddedReleaseStore.SCHEMA_VERSION);
    }
  }

  @Test
  void theTextRoundTripsEveryEmbargoAndTheEdition() {
    FeedState state = new FeedState(12, 5, Instant.ofEpochMilli(42), List.of(
        FeedState.Embargo.unowned(Instant.ofEpochMilli(1000)),
        new FeedState.Embargo(Instant.ofEpochMilli(2000), "urn:uuid:a", 4),
        new FeedState.Embargo(Instant.ofEpochMilli(2000), "urn:uuid:b", 1)));
    String text = FeedStateText.write(state);
    assertThat(text).isEqualTo("e5,1000,2000 4 urn:uuid:a,2000 1 urn:uuid:b");
    assertThat(FeedStateText.read(12, Instant.ofEpochMilli(42), text)).isEqualTo(state);
    assertThat(FeedStateText.read(3, Instant.EPOCH, "")).isEqualTo(new FeedState(3, 3, Instant.EPOCH, List.of()));
  }
}
