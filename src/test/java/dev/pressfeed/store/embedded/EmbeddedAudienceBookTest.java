package dev.pressfeed.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.audience.Report;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.store.AudienceBookContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store's audience: a table of its file, created when first used. */
class EmbeddedAudienceBookTest extends AudienceBookContract {

  @TempDir Path dir;
  private EmbeddedReleaseStore opened;

  @Override
  protected ReleaseStore emptyStore() {
    opened = EmbeddedReleaseStore.open(dir);
    return opened;
  }

  @AfterEach
  void close() {
    opened.close();
  }

  @Test
  void theAudienceSurvivesARestartAndLeavesTheSchemaVersionAlone() throws Exception {
    book.record(FEED, new Report("Feedly", "", 16), T);
    opened.close();
    opened = EmbeddedReleaseStore.open(dir);
    assertThat(opened.audience().since(T, 10)).containsExactly(new Reading(FEED, "Feedly", "", 16, T));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EmbeddedReleaseStore.FILE_NAME));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(EmbeddedReleaseStore.SCHEMA_VERSION);
    }
  }

  @Test
  void anEntryNotReportedForThirtyDaysIsDroppedOnTheNextWrite() {
    book.record(FEED, new Report("Gone", "", 1), T);
    book.record(FEED, new Report("Here", "", 2), T.plus(AudienceBook.KEPT_FOR).plusSeconds(1));
    assertThat(book.since(T.minusSeconds(1), 10)).extracting(Reading::reader).containsExactly("Here");
  }
}
