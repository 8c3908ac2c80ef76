package dev.pressfeed.audience;

import dev.pressfeed.release.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes audience reports off the request thread, so that recording never delays or fails a
 * feed response (SPEC §11): {@link #hear} only looks into a small memory and hands the report
 * to one daemon thread through a bounded queue; when the queue is full the report is dropped
 * (the aggregator reports again on its next fetch).
 *
 * <p>What it saves: the container remembers what it wrote (or queued) in the last
 * {@link AudienceBook#REWRITE_AFTER}, per feed, aggregator and feed id, for at most
 * {@link #MEMORY} of them, so an aggregator polling every few minutes costs one write an hour,
 * and a container's own repeats never reach the store. Across containers the book's
 * conditional write does the same. A failed write is forgotten, so the next report tries again,
 * and logged at most once a {@link #LOG_EVERY}, with what was dropped since: a store that is
 * down must not fill the log once per poll.
 *
 * <p>On Lambda a container is frozen between invocations: a write still queued then is made
 * when it next runs. The thread starts with the first report, not before: a container that
 * serves no reporting agent starts no thread.
 */
public final class Recorder {

  static final int QUEUE = 256;
  static final int MEMORY = 4_096;
  static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private record Key(String feed, String reader, String feedId) {}

  private record Heard(Key key, Report report, Instant at) {}

  private final Supplier<AudienceBook> book;
  private final Supplier<Instant> clock;
  private final Duration budget;
  private final Consumer<String> log;
  private final BlockingQueue<Heard> queue = new ArrayBlockingQueue<>(QUEUE);
  /** What was written or queued, and when; guarded by itself. */
  private final Map<Key, Heard> remembered = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Heard> eldest) {
      return size() > MEMORY;
    }
  };
  private final Object trouble = new Object();
  private Instant loggedAt;
  private int failedSinceLog;
  private int droppedSinceLog;
  private volatile Thread writer;

  /**
   * The longest one write waits on the store: what a request may ({@code store.Waits}), so a
   * hung store holds the writer no longer than it would hold a request.
   */
  public static final Duration BUDGET = Duration.ofSeconds(4);

  /** A recorder that logs to standard error (the function's log on Lambda). */
  public Recorder(Supplier<AudienceBook> book, Supplier<Instant> clock) {
    this(book, clock, BUDGET, System.err::println);
  }

  /**
   * @param book   where reports go; asked for once, on the writer thread's first report
   * @param clock  the time a report is heard
   * @param budget the longest one write may wait on the store ({@link Deadline})
   * @param log    where a failure line goes
   */
  public Recorder(Supplier<AudienceBook> book, Supplier<Instant> clock, Duration budget, Consumer<String> log) {
    this.book = book;
    this.clock = clock;
    this.budget = budget;
    this.log = log;
  }

  /**
   * Takes {@code agent}'s report for {@code feed}, if it holds one, to be written unless this
   * container wrote the same count within the hour. Returns at once; never throws.
   */
  public void hear(String feed, String agent) {
    try {
      Report.parse(agent).ifPresent(report -> hear(feed, report));
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void hear(String feed, Report report) {
    Instant now = clock.get();
    Key key = new Key(feed, report.reader(), report.feedId());
    Heard heard = new Heard(key, report, now);
    synchronized (remembered) {
      Heard last = remembered.get(key);
      if (last != null && last.report().subscribers() == report.subscribers()
          && !now.isBefore(last.at()) && now.isBefore(last.at().plus(AudienceBook.REWRITE_AFTER))) {
        return;
      }
      if (!queue.offer(heard)) {
        dropped();
        return;
      }
      remembered.put(key, heard);
    }
    startWriter();
  }

  private void startWriter() {
    if (writer != null) {
      return;
    }
    synchronized (this) {
      if (writer == null) {
        Thread thread = new Thread(this::write, "audience-recorder");
        thread.setDaemon(true);
        thread.start();
        writer = thread;
      }
    }
  }

  private void write() {
    AudienceBook target = null;
    while (true) {
      Heard heard;
      try {
        heard = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (target == null) {
          target = book.get();
        }
        AudienceBook into = target;
        Deadline.within(budget, () -> into.record(heard.key().feed(), heard.report(), heard.at()));
      } catch (RuntimeException e) {
        synchronized (remembered) {
          remembered.remove(heard.key(), heard);
        }
        failed(e);
      }
    }
  }

  private void dropped() {
    synchronized (trouble) {
      droppedSinceLog++;
    }
    logNowAndThen(null);
  }

  private void failed(RuntimeException e) {
    synchronized (trouble) {
      failedSinceLog++;
    }
    logNowAndThen(e);
  }

  /** One line a {@link #LOG_EVERY} at most; the feed, agent and client are never in it. */
  private void logNowAndThen(RuntimeException cause) {
    String line;
    synchronized (trouble) {
      Instant now = clock.get();
      if (loggedAt != null && now.isBefore(loggedAt.plus(LOG_EVERY)) && !now.isBefore(loggedAt)) {
        return;
      }
      loggedAt = now;
      line = "audience: " + failedSinceLog + " report(s) not written, " + droppedSinceLog
          + " dropped (queue full)" + (cause == null ? "" : "; last: " + cause.getClass().getSimpleName()
          + ": " + cause.getMessage());
      failedSinceLog = 0;
      droppedSinceLog = 0;
    }
    try {
      log.accept(line);
    } catch (RuntimeException ignored) {
      // a log that fails is no reason to fail a feed
    }
  }
}
