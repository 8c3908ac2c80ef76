package dev.pressfeed.store.embedded;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.audience.Reading;
import dev.pressfeed.audience.Report;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audience of the local gateway: a table {@code audience} in the store's file, one row per
 * feed, aggregator and feed id, written through the store's own connection and lock. Created
 * if missing when first used, outside the store's versioned schema: it holds nothing a release
 * depends on, and a store that never hears a report does without it. Rows not reported again
 * for {@link AudienceBook#KEPT_FOR} are deleted on the next write, as DynamoDB's TTL would.
 */
final class EmbeddedAudienceBook implements AudienceBook {

  private final EmbeddedReleaseStore store;

  private EmbeddedAudienceBook(EmbeddedReleaseStore store) {
    this.store = store;
  }

  /**
   * Typed as the port, so that the store's class names no class of the audience but through
   * this call: its verification then loads none of them on a feed function's start.
   */
  static AudienceBook open(EmbeddedReleaseStore store) {
    store.locked("create the audience table", c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("""
            CREATE TABLE IF NOT EXISTS audience (
              feed        TEXT NOT NULL,
              reader      TEXT NOT NULL,
              feed_id     TEXT NOT NULL,
              subscribers INTEGER NOT NULL,
              reported_at INTEGER NOT NULL,
              PRIMARY KEY (feed, reader, feed_id)
            ) WITHOUT ROWID""");
        s.executeUpdate("CREATE INDEX IF NOT EXISTS audience_reported ON audience(reported_at)");
      }
      return null;
    });
    return new EmbeddedAudienceBook(store);
  }

  /** The same condition as DynamoDB's conditional put: new, another count, or an hour old. */
  @Override
  public boolean record(String feed, Report report, Instant at) {
    return store.locked("record audience", c -> {
      try (PreparedStatement expire = c.prepareStatement("DELETE FROM audience WHERE reported_at < ?")) {
        expire.setLong(1, at.minus(KEPT_FOR).toEpochMilli());
        expire.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO audience (feed, reader, feed_id, subscribers, reported_at)
          VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (feed, reader, feed_id) DO UPDATE
          SET subscribers = excluded.subscribers, reported_at = excluded.reported_at
          WHERE subscribers <> excluded.subscribers OR reported_at <= ?""")) {
        ps.setString(1, feed);
        ps.setString(2, report.reader());
        ps.setString(3, report.feedId());
        ps.setInt(4, report.subscribers());
        ps.setLong(5, at.toEpochMilli());
        ps.setLong(6, at.minus(REWRITE_AFTER).toEpochMilli());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Reading> since(Instant since, int limit) {
    return store.locked("read audience", c -> {
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT feed, reader, feed_id, subscribers, reported_at FROM audience
          WHERE reported_at >= ? ORDER BY reported_at DESC LIMIT ?""")) {
        ps.setLong(1, since.toEpochMilli());
        ps.setInt(2, limit);
        List<Reading> readings = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            readings.add(new Reading(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                Instant.ofEpochMilli(rs.getLong(5))));
          }
        }
        return readings;
      }
    });
  }
}
