package dev.pressfeed.store;

import dev.pressfeed.audience.AudienceBook;
import dev.pressfeed.push.Outbox;
import dev.pressfeed.release.Deadline;
import dev.pressfeed.release.EditorView;
import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.IdempotencyRecord;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseHead;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.SortKey;
import dev.pressfeed.release.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container's copy of the two small things every poll reads: the {@link FeedState} and the
 * heads of the releases polled one by one. Without it every poll of every feed reads the one
 * feed state item, and one DynamoDB partition serves 3 000 strongly consistent reads a second:
 * the table would throttle at about 3 000 polls/s. With it, a container reads the item at most
 * about once per {@link #STALENESS}, so reads grow with warm containers, not with polls.
 *
 * <p>What it keeps true:
 * <ul>
 *   <li>A copy is served only while younger than {@link #STALENESS}, measured by the injected
 *       clock from the moment its read was sent; then one read refreshes it.</li>
 *   <li>An embargo still ends on its second: the copy holds the embargo times, and the callers
 *       compute the validators from it and their clock ({@link FeedState#lastModified},
 *       {@link FeedState#nextEmbargoEnd}), so nothing needs reading when one passes.</li>
 *   <li>Writes through this instance are seen by its next read: a feed state or release written
 *       is held as the store now holds it; a conditional write that lost, or a write that
 *       failed, drops the copy. Conditional writes of the feed state build on
 *       {@link #latestFeedState}, which always reads the store.</li>
 *   <li>Never older than held: a copy is only replaced by a newer one (a higher feed state
 *       revision, a higher release version), so a slow read cannot undo a write's copy. Polls
 *       that find the feed state's copy old while another thread reads it wait for that read;
 *       heads, one per release, may be read twice under a race.</li>
 *   <li>Bounded: at most {@link #MAX_HEADS} heads, the least recently read dropped first, so
 *       ids a client makes up cannot grow the memory; a missing release is held like a found
 *       one, so asking for one again and again reads nothing either.</li>
 * </ul>
 * Every other method passes straight to the store.
 */
public final class CachingReleaseStore implements ReleaseStore {

  /**
   * How old a copy may be. One second keeps the feed state item at one read per second per
   * container (a third of a read unit's worth of one partition's 3 000 per second even for a
   * thousand containers) while another container's write shows within a second: far inside
   * FEED_MAX_AGE (300 s by default), which readers and CDNs may already keep a feed for.
   */
  public static final Duration STALENESS = Duration.ofSeconds(1);

  /** Heads held at most; a head is about 200 bytes, so 1 000 stay well under a megabyte. */
  public static final int MAX_HEADS = 1_000;

  /** A copy that no read may be served from, kept for its version. */
  private static final Instant EXPIRED = Instant.MIN;

  private final ReleaseStore store;
  private final Clock clock;
  private final Object lock = new Object();
  /** Read without the lock on the path of every poll; written under it. */
  private volatile Held<FeedState> state;
  /** The read of the feed state under way, if any; guarded by the lock. */
  private Refresh refresh;
  /** No copy below this revision may be held: raised by a conditional write that lost. */
  private long lowestRevision;
  private final LinkedHashMap<String, Held<Optional<ReleaseHead>>> heads =
      new LinkedHashMap<>(16, 0.75f, true);

  public CachingReleaseStore(ReleaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A value as read (or written) at {@code readAt}. */
  private record Held<T>(T value, Instant readAt) {
    boolean isFreshAt(Instant now) {
      // A clock set back (a test, a leap) makes the copy stale rather than young for too long.
      return !now.isBefore(readAt) && now.isBefore(readAt.plus(STALENESS));
    }
  }

  // --- the feed state ----------------------------------------------------------------------

  @Override
  public FeedState feedState() {
    Instant now = clock.instant();
    Held<FeedState> held = state;
    if (held != null && held.isFreshAt(now)) {
      return held.value();
    }
    Refresh mine = new Refresh();
    Refresh running;
    synchronized (lock) {
      held = state;
      if (held != null && held.isFreshAt(now)) {
        return held.value();
      }
      running = refresh;
      if (running == null) {
        refresh = mine;
      }
    }
    if (running != null) {
      // Polls that find the copy old while another thread reads it wait for that read, so a
      // container on a thread pool still reads the item once a second, not once per thread.
      return running.await();
    }
    FeedState result = null;
    RuntimeException failure = null;
    try {
      result = hold(store.feedState(), now);
      return result;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      synchronized (lock) {
        refresh = null;
      }
      mine.finish(result, result != null || failure != null ? failure
          : new StoreUnavailableException("the feed state read did not finish", null));
    }
  }

  @Override
  public FeedState latestFeedState() {
    Instant sent = clock.instant();
    FeedState latest = store.latestFeedState();
    hold(latest, sent);
    return latest;
  }

  @Override
  public boolean replaceFeedState(FeedState next, long expectedRevision) {
    Instant sent = clock.instant();
    boolean written;
    try {
      written = store.replaceFeedState(next, expectedRevision);
    } catch (RuntimeException e) {
      // It may or may not have been stored: the next read asks the store.
      dropState(0);
      throw e;
    }
    if (written) {
      hold(asStored(next), sent);
    } else {
      // Another write came first: the store holds a later revision than expected.
      dropState(expectedRevision + 1);
    }
    return written;
  }

  /**
   * Holds {@code read} unless a newer state is held; returns the newer of the two, so no caller
   * gets a state older than one another caller already got.
   */
  private FeedState hold(FeedState read, Instant sent) {
    synchronized (lock) {
      Held<FeedState> held = state;
      if (read.revision() < lowestRevision) {
        return read;
      }
      if (held != null && held.value().revision() > read.revision()) {
        return held.value();
      }
      if (held == null || held.value().revision() < read.revision() || sent.isAfter(held.readAt())) {
        state = new Held<>(read, sent);
      }
      return read;
    }
  }

  private void dropState(long lowest) {
    synchronized (lock) {
      Held<FeedState> held = state;
      long floor = Math.max(lowest, held == null ? 0 : held.value().revision());
      lowestRevision = Math.max(lowestRevision, floor);
      state = null;
    }
  }

  /**
   * {@code written} as a read of it returns it: both stores keep its times to the millisecond
   * ({@code ReleaseTable}, {@code FeedStateText}). Held with finer digits, its validators could
   * differ from another container's for the same revision.
   */
  private static FeedState asStored(FeedState written) {
    return new FeedState(written.revision(), written.edition(), millis(written.changedAt()),
        written.embargoes().stream()
            .map(e -> new FeedState.Embargo(millis(e.endsAt()), e.feedId(), e.version()))
            .toList());
  }

  /** One read of the feed state under way, which the polls that arrive meanwhile wait for. */
  private static final class Refresh {
    private boolean done;
    private FeedState value;
    private RuntimeException failure;

    synchronized void finish(FeedState value, RuntimeException failure) {
      this.value = value;
      this.failure = failure;
      this.done = true;
      notifyAll();
    }

    /**
     * What the read gave, waiting no longer than the request's own budget ({@link Deadline}):
     * a waiter answers 503 when its time is spent, as if it had read the store itself.
     */
    synchronized FeedState await() {
      Optional<Duration> budget = Deadline.remaining();
      long end = System.nanoTime() + budget.map(Duration::toNanos).orElse(0L);
      try {
        while (!done) {
          if (budget.isEmpty()) {
            wait();
          } else {
            long left = end - System.nanoTime();
            if (left <= 0) {
              throw new StoreUnavailableException("the request's time budget is spent", null);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while the feed state was read", e);
      }
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

  // --- release heads -----------------------------------------------------------------------

  @Override
  public Optional<ReleaseHead> head(String id) {
    Instant now = clock.instant();
    synchronized (lock) {
      Held<Optional<ReleaseHead>> held = heads.get(id);
      if (held != null && held.isFreshAt(now)) {
        return held.value();
      }
    }
    return hold(id, store.head(id), now);
  }

  @Override
  public boolean insert(Release release) {
    Instant sent = clock.instant();
    boolean written;
    try {
      written = store.insert(release);
    } catch (RuntimeException e) {
      expire(release.id());
      throw e;
    }
    settle(release, written, sent);
    return written;
  }

  @Override
  public boolean replace(Release release, long expectedVersion) {
    Instant sent = clock.instant();
    boolean written;
    try {
      written = store.replace(release, expectedVersion);
    } catch (RuntimeException e) {
      expire(release.id());
      throw e;
    }
    settle(release, written, sent);
    return written;
  }

  private void settle(Release release, boolean written, Instant sent) {
    if (written) {
      hold(release.id(), Optional.of(asStored(release.head())), sent);
    } else {
      // Taken, or changed by someone else: what is stored is not what this instance holds.
      expire(release.id());
    }
  }

  /**
   * Holds {@code read} for {@code id} unless a higher version is held (a release's versions only
   * go up, and the head index may lag a write this instance made); returns what is held then.
   */
  private Optional<ReleaseHead> hold(String id, Optional<ReleaseHead> read, Instant sent) {
    synchronized (lock) {
      Held<Optional<ReleaseHead>> held = heads.get(id);
      Optional<ReleaseHead> newest = read;
      Instant readAt = sent;
      if (held != null && version(held.value()) >= version(read)) {
        // At least as new as what the store answered when this read was sent.
        newest = held.value();
        readAt = held.readAt().isAfter(sent) ? held.readAt() : sent;
      }
      heads.put(id, new Held<>(newest, readAt));
      Iterator<Map.Entry<String, Held<Optional<ReleaseHead>>>> eldest = heads.entrySet().iterator();
      while (heads.size() > MAX_HEADS && eldest.hasNext()) {
        eldest.next();
        eldest.remove();
      }
      return newest;
    }
  }

  /** Keeps the version (so no older read is held later), but serves no read from it. */
  private void expire(String id) {
    synchronized (lock) {
      Held<Optional<ReleaseHead>> held = heads.get(id);
      if (held != null) {
        heads.put(id, new Held<>(held.value(), EXPIRED));
      }
    }
  }

  private static long version(Optional<ReleaseHead> head) {
    return head.map(ReleaseHead::version).orElse(Long.MIN_VALUE);
  }

  /** As the DynamoDB store's head index keeps it: times to the millisecond. */
  private static ReleaseHead asStored(ReleaseHead head) {
    return new ReleaseHead(head.id(), head.version(),
        head.visibleFrom() == null ? null : millis(head.visibleFrom()), millis(head.updatedAt()));
  }

  private static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  // --- everything else reads or writes the store -------------------------------------------

  @Override
  public Optional<Release> find(String id) {
    return store.find(id);
  }

  @Override
  public Optional<SortKey> newerBy(ReleaseFilter filter, SortKey after, int n, Instant now) {
    return store.newerBy(filter, after, n, now);
  }

  @Override
  public Page published(ReleaseFilter filter, Optional<SortKey> after, int limit, Instant now) {
    return store.published(filter, after, limit, now);
  }

  @Override
  public List<ReleaseHead> archive(Instant now) {
    return store.archive(now);
  }

  @Override
  public List<Release> publishedSince(Instant since, int limit, Instant now) {
    return store.publishedSince(since, limit, now);
  }

  /**
   * Passes through, like {@link #published}: a feed page reads both when it renders, so both
   * must be as fresh as each other (a held copy of one could pair an entry with its own
   * tombstone), and renders are already held per validator by the feed's recent responses.
   */
  @Override
  public List<Release> retractedSince(Instant since, int limit) {
    return store.retractedSince(since, limit);
  }

  @Override
  public Page forEditors(EditorView view, Optional<SortKey> after, int limit, Instant now) {
    return store.forEditors(view, after, limit, now);
  }

  /** Not cached: audience reports are written off the request thread, read by editors only. */
  @Override
  public AudienceBook audience() {
    return store.audience();
  }

  @Override
  public Outbox outbox() {
    return store.outbox();
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotency(String scope) {
    return store.findIdempotency(scope);
  }

  @Override
  public boolean insertIdempotency(IdempotencyRecord record, Instant now) {
    return store.insertIdempotency(record, now);
  }

  @Override
  public boolean replaceIdempotency(IdempotencyRecord record, String expectedReleaseId) {
    return store.replaceIdempotency(record, expectedReleaseId);
  }
}
