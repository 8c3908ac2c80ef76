package dev.pressfeed.store.embedded;

import dev.pressfeed.push.Outbox;
import dev.pressfeed.push.Ping;
import dev.pressfeed.release.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The local gateway's {@link Outbox}: a SQLite file of its own beside the store's
 * ({@value #FILE_NAME}), so the release store's schema and its version stay as they are. Opened
 * on first use; every write is one autocommitted conditional statement, synced like the
 * store's, so a queued ping survives kill -9.
 */
final class EmbeddedOutbox implements Outbox, AutoCloseable {

  static final String FILE_NAME = "outbox.db";

  private final Path directory;
  private final Duration busyTimeout;
  private Connection connection;
  private boolean closed;

  EmbeddedOutbox(Path directory, Duration busyTimeout) {
    this.directory = directory;
    this.busyTimeout = busyTimeout;
  }

  @Override
  public void enqueue(Ping ping) {
    run("enqueue", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO pings (id, due, attempt, topics, invalidation) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, ping.id());
        ps.setLong(2, ping.due().toEpochMilli());
        ps.setInt(3, ping.attempt());
        // Topics are URLs: no line break can be in one.
        ps.setString(4, String.join("\n", ping.topics()));
        ps.setString(5, ping.invalidation().orElse(null));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Ping> due(Instant now, int limit) {
    return run("due", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, due, attempt, topics, invalidation FROM pings WHERE due <= ? ORDER BY due, id LIMIT ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setInt(2, limit);
        List<Ping> pings = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            pings.add(new Ping(rs.getString(1), Arrays.asList(rs.getString(4).split("\n")),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3), Optional.ofNullable(rs.getString(5))));
          }
        }
        return pings;
      }
    });
  }

  @Override
  public Optional<Instant> next() {
    return run("next", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(due) FROM pings")) {
        long min = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(min));
      }
    });
  }

  @Override
  public boolean release(Ping held, Ping next) {
    return move(held, next);
  }

  private boolean move(Ping from, Ping to) {
    return run("move", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE pings SET due = ?, attempt = ?, invalidation = ? WHERE id = ? AND due = ? AND attempt = ?")) {
        ps.setLong(1, to.due().toEpochMilli());
        ps.setInt(2, to.attempt());
        ps.setString(3, to.invalidation().orElse(null));
        ps.setString(4, from.id());
        ps.setLong(5, from.due().toEpochMilli());
        ps.setInt(6, from.attempt());
        return ps.executeUpdate();
      }
    }) == 1;
  }

  @Override
  public void delete(Ping ping) {
    run("delete", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM pings WHERE id = ?")) {
        ps.setString(1, ping.id());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Instant> watermark() {
    return run("watermark", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT handled_to FROM watermark WHERE id = 1")) {
        return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.<Instant>empty();
      }
    });
  }

  @Override
  public boolean advanceWatermark(Optional<Instant> expected, Instant next) {
    return run("advanceWatermark", c -> {
      try (PreparedStatement ps = c.prepareStatement(expected.isEmpty()
          ? "INSERT INTO watermark (id, handled_to) VALUES (1, ?) ON CONFLICT (id) DO NOTHING"
          : "UPDATE watermark SET handled_to = ? WHERE id = 1 AND handled_to = ?")) {
        ps.setLong(1, next.toEpochMilli());
        if (expected.isPresent()) {
          ps.setLong(2, expected.get().toEpochMilli());
        }
        return ps.executeUpdate();
      }
    }) == 1;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        System.err.println("pressfeed: the outbox did not close cleanly");
      }
      connection = null;
    }
  }

  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /** One statement at a time: the notifier and request threads share the connection. */
  private synchronized <T> T run(String what, Work<T> work) {
    if (closed) {
      throw new IllegalStateException("the outbox is closed");
    }
    try {
      return work.on(connection());
    } catch (SQLException e) {
      if (e instanceof SQLiteException) {
        throw new StoreUnavailableException("outbox: " + what + ": " + e.getMessage(), e);
      }
      throw new IllegalStateException("outbox: " + what + " failed", e);
    }
  }

  /**
   * An outbox file from before pings waited for the CDN lacks the column (NULL: no invalidation);
   * adding it keeps the pings queued in it.
   */
  private static void addInvalidationColumnIfMissing(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(pings)")) {
      while (rs.next()) {
        if ("invalidation".equals(rs.getString("name"))) {
          return;
        }
      }
    }
    s.executeUpdate("ALTER TABLE pings ADD COLUMN invalidation TEXT");
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
      Connection opened = config.createConnection(
          "jdbc:sqlite:" + directory.resolve(FILE_NAME).toAbsolutePath());
      try (Statement s = opened.createStatement()) {
        s.executeUpdate("""
            CREATE TABLE IF NOT EXISTS pings (
              id      TEXT PRIMARY KEY,
              due     INTEGER NOT NULL,
              attempt INTEGER NOT NULL,
              topics  TEXT NOT NULL,
              invalidation TEXT
            )""");
        addInvalidationColumnIfMissing(s);
        s.executeUpdate("CREATE INDEX IF NOT EXISTS pings_due ON pings(due)");
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS watermark (id INTEGER PRIMARY KEY, handled_to INTEGER NOT NULL)");
      } catch (SQLException e) {
        opened.close();
        throw e;
      }
      connection = opened;
    }
    return connection;
  }
}
