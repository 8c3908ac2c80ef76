package dev.pressfeed.store.embedded;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.push.Outbox;
import dev.pressfeed.release.Deadline;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.release.StoreUnavailableException;
import dev.pressfeed.store.ReleaseDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The {@link ReleaseStore} of the local gateway: one SQLite file in a directory. Each write is
 * one autocommitted, single-row conditional statement, the same shape as the DynamoDB adapter's
 * conditional writes, so {@link dev.pressfeed.release.Newsroom}'s crash ordering holds here too.
 * A release row carries its own index keys: {@code published_key} only while it is published
 * (the sparse index feeds read), {@code editor_key} always. A published release also has a row
 * in {@code release_filters} per filter key ({@link ReleaseFilter#keysOf}), written in the same
 * transaction as the release, so a {@code tag}/{@code lang} read walks only what it shows.
 *
 * <p>Thread-safe: one connection behind a lock. SQLite serialises writers anyway, and a local
 * gateway's load does not justify a pool.
 */
public final class EmbeddedReleaseStore implements ReleaseStore, AutoCloseable {

  /** Where the local gateway keeps its data unless told otherwise. */
  public static final Path DEFAULT_DIRECTORY = Path.of("data");
  public static final String FILE_NAME = "pressfeed.db";
  /** Long enough to ride out another process's write, short enough to answer 503 in time. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  /** {@code PRAGMA user_version}: bump it with a migration step when the schema changes. */
  static final int SCHEMA_VERSION = 4;

  // Keys start with a digit, so "~" sorts above every key: "below ~" means "from the top".
  private static final String ABOVE_EVERY_KEY = "~";
  // Filters may reject most rows; read on in growing chunks instead of one row at a time.
  private static final int MAX_CHUNK = 512;

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  /** The longest a call waits for another thread's call, cut to the request's deadline. */
  private final Duration lockWait;
  private final Path directory;
  /** Made on first use: without a hub nothing of the pings is loaded or opened. */
  private EmbeddedOutbox outbox;
  private boolean closed;
  private volatile AudienceBook audience;

  private EmbeddedReleaseStore(Connection connection, Duration lockWait, Path directory) {
    this.connection = connection;
    this.lockWait = lockWait;
    this.directory = directory;
  }

  /** Opens (creating if missing) the store in {@code directory}. */
  public static EmbeddedReleaseStore open(Path directory) {
    return open(directory, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Opens (creating if missing) the store in {@code directory}; a write that waits longer than
   * {@code busyTimeout} for another process's lock fails with {@link StoreUnavailableException}.
   */
  public static EmbeddedReleaseStore open(Path directory, Duration busyTimeout) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store directory " + directory, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    // WAL with FULL sync: a commit is on disk before the write returns, so an acknowledged
    // write survives kill -9 and power loss; readers do not block the writer.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
    String url = "jdbc:sqlite:" + directory.resolve(FILE_NAME).toAbsolutePath();
    Connection connection = null;
    try {
      connection = config.createConnection(url);
      migrate(connection);
      return new EmbeddedReleaseStore(connection, busyTimeout, directory);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw failure("open " + directory, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static void migrate(Connection c) throws SQLException {
    int found;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      found = rs.next() ? rs.getInt(1) : 0;
    }
    if (found > SCHEMA_VERSION) {
      throw new IllegalStateException("the store was written by a newer Pressfeed (schema "
          + found + ", this one knows " + SCHEMA_VERSION + ")");
    }
    if (found == SCHEMA_VERSION) {
      return;
    }
    // One transaction: a crash or a concurrent opener never sees half a schema.
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS releases (
            id            TEXT PRIMARY KEY,
            version       INTEGER NOT NULL,
            published_key TEXT NULL,
            editor_key    TEXT NOT NULL,
            doc           TEXT NOT NULL,
            retracted_key TEXT NULL
          )""");
      s.executeUpdate(
          "CREATE INDEX IF NOT EXISTS releases_published ON releases(published_key)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS releases_editor ON releases(editor_key)");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS idempotency (
            scope      TEXT PRIMARY KEY,
            release_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            doc        TEXT NOT NULL
          )""");
      // Version 2: the feeds' validators (see FeedState); one row.
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS feed_state (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            revision   INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            embargoes  TEXT NOT NULL
          )""");
      // Version 3: published releases under each filter key, so a filtered read walks only the
      // releases it shows (SPEC §5). The key holds the release's id, so rows are unique.
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS release_filters (
            filter_key    TEXT NOT NULL,
            published_key TEXT NOT NULL,
            id            TEXT NOT NULL,
            PRIMARY KEY (filter_key, published_key)
          ) WITHOUT ROWID""");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS release_filters_id ON release_filters(id)");
      if (found < 3) {
        backfillFilters(c);
      }
      // Version 4: retracted releases that had been public, by retraction time: the feeds'
      // tombstones (RFC 6721) read only those.
      if (found < 4) {
        if (!hasColumn(c, "releases", "retracted_key")) {
          s.executeUpdate("ALTER TABLE releases ADD COLUMN retracted_key TEXT NULL");
        }
        backfillRetractions(c);
      }
      s.executeUpdate("CREATE INDEX IF NOT EXISTS releases_retracted ON releases(retracted_key)");
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Filter rows for every published release a store of an older schema holds. */
  private static void backfillFilters(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT doc FROM releases WHERE published_key IS NOT NULL")) {
      while (rs.next()) {
        writeFilters(c, ReleaseDocument.read(rs.getString(1)));
      }
    }
  }

  private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        if (column.equals(rs.getString("name"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The retraction key of every retracted release a store of an older schema holds. */
  private static void backfillRetractions(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT doc FROM releases WHERE published_key IS NULL");
        PreparedStatement update =
            c.prepareStatement("UPDATE releases SET retracted_key = ? WHERE id = ?")) {
      while (rs.next()) {
        Release release = ReleaseDocument.read(rs.getString(1));
        String key = retractedKey(release);
        if (key != null) {
          update.setString(1, key);
          update.setString(2, release.id());
          update.executeUpdate();
        }
      }
    }
  }

  /** Replaces the release's filter rows with those of {@code release}; part of its write. */
  private static void writeFilters(Connection c, Release release) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM release_filters WHERE id = ?")) {
      delete.setString(1, release.id());
      delete.executeUpdate();
    }
    String publishedKey = publishedKey(release);
    if (publishedKey == null) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO release_filters (filter_key, published_key, id) VALUES (?, ?, ?)")) {
      for (String key : ReleaseFilter.keysOf(release)) {
        insert.setString(1, key);
        insert.setString(2, publishedKey);
        insert.setString(3, release.id());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Runs {@code write} in one transaction with the release's filter rows: both or neither, so
   * a filter never misses or outlives a version. {@code write} says whether it wrote.
   */
  private boolean writeWithFilters(String what, Release release, Work<Boolean> write) {
    return locked(what, c -> {
      c.setAutoCommit(false);
      try {
        boolean written = write.on(c);
        if (written) {
          writeFilters(c, release);
        }
        c.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public Optional<Release> find(String id) {
    return locked("find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM releases WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(ReleaseDocument.read(rs.getString(1))) : Optional.empty();
        }
      }
    });
  }

  /** Read from the release itself: on a local disk the whole row costs nothing worth saving. */
  @Override
  public Optional<ReleaseHead> head(String id) {
    return find(id).map(Release::head);
  }

  @Override
  public boolean insert(Release release) {
    return writeWithFilters("insert", release, c -> {
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO releases (id, version, published_key, editor_key, doc, retracted_key)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO NOTHING""")) {
        ps.setString(1, release.id());
        ps.setLong(2, release.version());
        ps.setString(3, publishedKey(release));
        ps.setString(4, release.editorSortKey().value());
        ps.setString(5, ReleaseDocument.write(release));
        ps.setString(6, retractedKey(release));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean replace(Release release, long expectedVersion) {
    return writeWithFilters("replace", release, c -> {
      try (PreparedStatement ps = c.prepareStatement("""
          UPDATE releases SET version = ?, published_key = ?, editor_key = ?, doc = ?,
            retracted_key = ?
          WHERE id = ? AND version = ?""")) {
        ps.setLong(1, release.version());
        ps.setString(2, publishedKey(release));
        ps.setString(3, release.editorSortKey().value());
        ps.setString(4, ReleaseDocument.write(release));
        ps.setString(5, retractedKey(release));
        ps.setString(6, release.id());
        ps.setLong(7, expectedVersion);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Keys only, from the indexes {@link #published} reads ({@code releases_published}, or the
   * filter's rows in {@code release_filters}, one per release, written with it): the
   * {@code n}-th key above {@code after} and at or before now.
   */
  @Override
  public Optional<SortKey> newerBy(ReleaseFilter filter, SortKey after, int n, Instant now) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    Optional<String> filterKey = filter.key();
    if (!filter.isEmpty() && filterKey.isEmpty()) {
      return Optional.empty(); // no storable release can pass it
    }
    String sql = filterKey.isPresent()
        ? "SELECT published_key FROM release_filters WHERE filter_key = ?"
            + " AND published_key > ? AND published_key < ? ORDER BY published_key LIMIT 1 OFFSET ?"
        : "SELECT published_key FROM releases WHERE published_key > ? AND published_key < ?"
            + " ORDER BY published_key LIMIT 1 OFFSET ?";
    return locked("newerBy", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (filterKey.isPresent()) {
          ps.setString(i++, filterKey.get());
        }
        ps.setString(i++, after.value());
        // No key equals upTo(now), so "below" it is "at or before now", as in published().
        ps.setString(i++, SortKey.upTo(now));
        ps.setInt(i, n - 1);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new SortKey(rs.getString(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Page published(ReleaseFilter filter, Optional<SortKey> after, int limit, Instant now) {
    // No key equals upTo(now) ("~" is no id character), so "below" it is "at or before now".
    String top = SortKey.upTo(now);
    String below = after.map(SortKey::value).filter(a -> a.compareTo(top) < 0).orElse(top);
    // isVisible as well: keys are cut to milliseconds, the release's own time is not.
    Predicate<Release> wanted = r -> r.isVisible(now) && filter.test(r);
    if (filter.isEmpty()) {
      return newestFirst("published_key", Optional.empty(), below, wanted, limit);
    }
    Optional<String> filterKey = filter.key();
    if (filterKey.isEmpty()) {
      return new Page(List.of(), Optional.empty()); // no storable release can pass it
    }
    return newestFirst("published_key", filterKey, below, wanted, limit);
  }

  /**
   * The published rows in key order, with the two fields of their documents a head needs taken
   * out by SQLite's JSON functions (the names {@code ReleaseDocument} writes): no document is
   * parsed into a release.
   */
  @Override
  public List<ReleaseHead> archive(Instant now) {
    return locked("archive", c -> {
      List<ReleaseHead> heads = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT id, version, published_key,
                 json_extract(doc, '$.updatedAt'), json_extract(doc, '$.publishAt')
          FROM releases WHERE published_key < ? ORDER BY published_key""")) {
        ps.setString(1, SortKey.upTo(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String publishAt = rs.getString(5);
            if (publishAt != null && Instant.parse(publishAt).isAfter(now)) {
              continue; // keys are cut to milliseconds; the embargo is not
            }
            String key = rs.getString(3);
            heads.add(new ReleaseHead(rs.getString(1), rs.getLong(2),
                Instant.parse(key.substring(0, key.indexOf('#'))), Instant.parse(rs.getString(4))));
          }
        }
      }
      return heads;
    });
  }

  @Override
  public List<Release> publishedSince(Instant since, int limit, Instant now) {
    return locked("publishedSince", c -> {
      List<Release> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT doc FROM releases WHERE published_key >= ? AND published_key < ?
          ORDER BY published_key DESC""")) {
        ps.setString(1, SortKey.from(since));
        ps.setString(2, SortKey.upTo(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (found.size() < limit && rs.next()) {
            Release release = ReleaseDocument.read(rs.getString(1));
            if (release.isVisible(now) && !release.publishedAt().isBefore(since)) {
              found.add(release);
            }
          }
        }
      }
      return found;
    });
  }

  /** The {@code releases_retracted} index from {@code since}, newest first: only those rows. */
  @Override
  public List<Release> retractedSince(Instant since, int limit) {
    return locked("retractedSince", c -> {
      List<Release> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT doc FROM releases WHERE retracted_key >= ?
          ORDER BY retracted_key DESC LIMIT ?""")) {
        ps.setString(1, SortKey.from(since));
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Release release = ReleaseDocument.read(rs.getString(1));
            if (release.wasPublicBeforeRetraction() && !release.updatedAt().isBefore(since)) {
              found.add(release);
            }
          }
        }
      }
      return found;
    });
  }

  @Override
  public Page forEditors(EditorView view, Optional<SortKey> after, int limit, Instant now) {
    String below = after.map(SortKey::value).orElse(ABOVE_EVERY_KEY);
    return newestFirst("editor_key", Optional.empty(), below, r -> view.shows(r, now), limit);
  }

  /**
   * Rows below {@code below} on {@code keyColumn}, newest first, that pass {@code wanted}: one
   * more than {@code limit} is looked for, so a next position is given only when a further
   * matching release exists. With a {@code filterKey}, only the releases filed under it.
   */
  private Page newestFirst(String keyColumn, Optional<String> filterKey, String below,
      Predicate<Release> wanted, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    String sql = filterKey.isPresent()
        ? "SELECT f.published_key, r.doc FROM release_filters f JOIN releases r ON r.id = f.id"
            + " WHERE f.filter_key = ? AND f.published_key < ?"
            + " ORDER BY f.published_key DESC LIMIT ?"
        : "SELECT " + keyColumn + ", doc FROM releases WHERE " + keyColumn
            + " < ? ORDER BY " + keyColumn + " DESC LIMIT ?";
    int first = filterKey.isPresent() ? 2 : 1;
    return locked("list", c -> {
      List<Release> items = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      String bound = below;
      int chunk = limit + 1;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        while (items.size() <= limit) {
          if (filterKey.isPresent()) {
            ps.setString(1, filterKey.get());
          }
          ps.setString(first, bound);
          ps.setInt(first + 1, chunk);
          int rows = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next() && items.size() <= limit) {
              rows++;
              bound = rs.getString(1);
              Release release = ReleaseDocument.read(rs.getString(2));
              if (wanted.test(release)) {
                items.add(release);
                keys.add(bound);
              }
            }
          }
          if (rows < chunk) {
            break; // read to the end (or the page is full)
          }
          chunk = Math.min(chunk * 2, MAX_CHUNK);
        }
      }
      if (items.size() > limit) {
        return new Page(items.subList(0, limit), Optional.of(new SortKey(keys.get(limit - 1))));
      }
      return new Page(items, Optional.empty());
    });
  }

  @Override
  public FeedState feedState() {
    return locked("feedState", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT revision, changed_at, embargoes FROM feed_state WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return FeedState.INITIAL;
        }
        return FeedStateText.read(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3));
      }
    });
  }

  @Override
  public boolean replaceFeedState(FeedState next, long expectedRevision) {
    String embargoes = FeedStateText.write(next);
    return locked("replaceFeedState", c -> {
      try (PreparedStatement ps = c.prepareStatement(expectedRevision == 0
          ? "INSERT INTO feed_state (revision, changed_at, embargoes, id) VALUES (?, ?, ?, 1) "
              + "ON CONFLICT (id) DO NOTHING"
          : "UPDATE feed_state SET revision = ?, changed_at = ?, embargoes = ? "
              + "WHERE id = 1 AND revision = ?")) {
        ps.setLong(1, next.revision());
        ps.setLong(2, next.changedAt().toEpochMilli());
        ps.setString(3, embargoes);
        if (expectedRevision != 0) {
          ps.setLong(4, expectedRevision);
        }
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotency(String scope) {
    return locked("findIdempotency", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT doc FROM idempotency WHERE scope = ?")) {
        ps.setString(1, scope);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(ReleaseDocument.readIdempotency(rs.getString(1)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean insertIdempotency(IdempotencyRecord record, Instant now) {
    return locked("insertIdempotency", c -> {
      // An expired record is taken over in the same statement, so two requests cannot both
      // win it.
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT INTO idempotency (scope, release_id, expires_at, doc) VALUES (?, ?, ?, ?)
          ON CONFLICT (scope) DO UPDATE SET
            release_id = excluded.release_id, expires_at = excluded.expires_at, doc = excluded.doc
          WHERE idempotency.expires_at <= ?""")) {
        ps.setString(1, record.scope());
        ps.setString(2, record.release().id());
        ps.setLong(3, epochNanos(record.expiresAt()));
        ps.setString(4, ReleaseDocument.writeIdempotency(record));
        ps.setLong(5, epochNanos(now));
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean replaceIdempotency(IdempotencyRecord record, String expectedReleaseId) {
    return locked("replaceIdempotency", c -> {
      try (PreparedStatement ps = c.prepareStatement("""
          UPDATE idempotency SET release_id = ?, expires_at = ?, doc = ?
          WHERE scope = ? AND release_id = ?""")) {
        ps.setString(1, record.release().id());
        ps.setLong(2, epochNanos(record.expiresAt()));
        ps.setString(3, ReleaseDocument.writeIdempotency(record));
        ps.setString(4, record.scope());
        ps.setString(5, expectedReleaseId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** The pings waiting for the hub, in a file of their own beside the store's, opened on first use. */
  @Override
  public synchronized Outbox outbox() {
    if (closed) {
      throw new IllegalStateException("the embedded store is closed");
    }
    if (outbox == null) {
      outbox = new EmbeddedOutbox(directory, lockWait);
    }
    return outbox;
  }

  /**
   * The audience, in a table of this store's file that the book creates when first asked for:
   * a store that never hears a report has none, and the schema version stays as it is.
   */
  @Override
  public AudienceBook audience() {
    AudienceBook book = audience;
    if (book == null) {
      synchronized (this) {
        if (audience == null) {
          audience = EmbeddedAudienceBook.open(this);
        }
        book = audience;
      }
    }
    return book;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (outbox != null) {
        outbox.close();
      }
    }
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw failure("close", e);
    } finally {
      lock.unlock();
    }
  }

  /** Only a stored-as-published release has a place in the feeds' index. */
  private static String publishedKey(Release release) {
    if (release.state() != Release.State.PUBLISHED) {
      return null;
    }
    if (release.publishedAt() == null) {
      throw new IllegalArgumentException("a published release needs a publication time");
    }
    return release.publicSortKey().value();
  }

  /**
   * A retracted release's place among the withdrawals, if it had been public: its retraction
   * (a retraction is final, so its last change), then its id, as DynamoDB's index keeps it.
   */
  private static String retractedKey(Release release) {
    return release.wasPublicBeforeRetraction()
        ? SortKey.of(release.updatedAt(), release.id()).value() : null;
  }

  /**
   * Exact, unlike milliseconds: were the store and {@link IdempotencyRecord#isExpired} to
   * disagree within a millisecond, {@code Newsroom.createOnce} would find no live record yet be
   * refused the insert, again and again. Fits every instant from 1677 to 2262.
   */
  private static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  <T> T locked(String what, Work<T> work) {
    acquire(what);
    try {
      if (closed) {
        throw new IllegalStateException("the embedded store is closed");
      }
      return work.on(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the lock, waiting no longer than {@link #lockWait} or the request's deadline: a call
   * stuck behind another (one waiting out a second process's write lock, say) answers 503 in
   * time instead of queueing every request behind it.
   */
  private void acquire(String what) {
    Duration wait = Deadline.cut(lockWait);
    try {
      if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new StoreUnavailableException("embedded store: " + what + ": another call held the store for "
            + wait.toMillis() + " ms", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("embedded store: " + what + ": interrupted while waiting", e);
    }
  }

  /**
   * Contention and I/O trouble are worth a retry (503); anything else is a defect and must not
   * pose as one.
   */
  private static RuntimeException failure(String what, SQLException e) {
    if (e instanceof SQLiteException sqlite && isTransient(sqlite.getResultCode())) {
      return new StoreUnavailableException(
          "embedded store: " + what + ": " + sqlite.getResultCode(), e);
    }
    return new IllegalStateException("embedded store: " + what + " failed", e);
  }

  private static boolean isTransient(SQLiteErrorCode code) {
    String name = code == null ? "" : code.name();
    return name.startsWith("SQLITE_BUSY")
        || name.startsWith("SQLITE_LOCKED")
        || name.startsWith("SQLITE_IOERR")
        || name.startsWith("SQLITE_FULL")
        || name.startsWith("SQLITE_CANTOPEN")
        || name.startsWith("SQLITE_PROTOCOL");
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the open failure is what the caller needs to see
      }
    }
  }
}
