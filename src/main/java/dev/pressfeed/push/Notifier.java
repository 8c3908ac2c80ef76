package dev.pressfeed.push;

import dev.pressfeed.release.FeedState;
import dev.pressfeed.release.Page;
import dev.pressfeed.release.Release;
import dev.pressfeed.release.ReleaseFilter;
import dev.pressfeed.release.ReleaseStore;
import dev.pressfeed.release.SortKey;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the pings of the {@link Outbox} to the {@link Hub}, and queues the pings of embargoes
 * that ended with nobody writing (SPEC §10). Runs in rounds: every second on the local gateway,
 * every minute and after each editor write on AWS. Any number of notifiers may run at once: each
 * ping is claimed under a lease before it is sent, so two rarely send the same ping, and one that
 * dies mid-send leaves it to be sent again when the lease ends (delivery is at least once).
 *
 * <p>A failed send is retried after the delays of its {@code backoff} ({@link #BACKOFF}: within
 * 10 s, then for over an hour), then the ping is dropped with a log line.
 */
public final class Notifier {

  /**
   * After the n-th failed send, the next is due this much later: twice within the first 10 s
   * (a hub restarting, a lost connection), then growing, two hours in all.
   */
  public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
      Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60));
  /** A claimed ping is another notifier's again after this: far longer than one send takes. */
  static final Duration LEASE = Duration.ofSeconds(60);
  /**
   * Embargo ends are handled this long after they pass: a release stored a moment before its
   * embargo ended is then in DynamoDB's (eventually consistent) published index. One stored
   * after its end tells the notifier itself ({@code Newsroom.settle}).
   */
  static final Duration SETTLING = Duration.ofSeconds(2);
  /** Pings read per listing; a round reads on while time is left. */
  private static final int BATCH = 25;
  /** Releases read per page when listing ended embargoes. */
  private static final int PAGE = 50;

  /** What one round did, for logs and tests. */
  public record Round(int sent, int failed, int dropped, int embargoPings) {}

  private final ReleaseStore store;
  private final Outbox outbox;
  private final Hub hub;
  private final String baseUrl;
  private final Clock clock;
  private final List<Duration> backoff;
  private final PrintStream log;

  /**
   * @param store   the store as stored, never a copy: the feed state a round reads must be current
   * @param baseUrl what the topics' canonical URLs start with ({@code PUBLIC_BASE_URL})
   */
  public Notifier(ReleaseStore store, Outbox outbox, Hub hub, String baseUrl, Clock clock,
      List<Duration> backoff, PrintStream log) {
    this.store = store;
    this.outbox = outbox;
    this.hub = hub;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.backoff = List.copyOf(backoff);
    this.log = log;
  }

  /**
   * One round: queues the pings of embargoes that ended and sends every due ping; with {@code
   * linger}, while work falls due within the budget (a retry, an embargo end), waits for it and
   * goes on. No send starts unless it can end within {@code budget}: a Lambda round ends inside
   * its timeout. Store trouble ends the round (the next one takes over); a hub's never escapes it.
   */
  public Round round(Duration budget, boolean linger) {
    Instant deadline = clock.instant().plus(budget);
    // Lingering waits in real time: it also ends when the budget has passed on the machine's
    // clock, whatever the injected clock says (a test's may stand still).
    long lingerEnd = System.nanoTime() + budget.toNanos();
    int sent = 0;
    int failed = 0;
    int dropped = 0;
    int embargoPings = 0;
    try {
      while (true) {
        embargoPings += embargoEnds();
        Delivery delivery = deliver(deadline);
        sent += delivery.sent;
        failed += delivery.failed;
        dropped += delivery.dropped;
        if (delivery.stopped || !linger || System.nanoTime() >= lingerEnd
            || !waitForWork(deadline, lingerEnd)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      log.println("pressfeed: notifier round ended early: " + e);
    }
    return new Round(sent, failed, dropped, embargoPings);
  }

  /**
   * Queues one ping for the releases whose embargo ended since the watermark, then moves the
   * watermark. Reads the feed state first: unless its last change lies past the watermark,
   * nothing can have become visible, and the round costs that one read. The first round ever
   * only sets the watermark: embargoes that ended before notifiers existed are old news.
   *
   * <p>A release counts if it is visible and was last written before its publication time: one
   * published by a write was pinged by that write. A crash after the ping and before the
   * watermark moves pings the same releases again in the next round (at least once).
   */
  int embargoEnds() {
    Instant upTo = clock.instant().minus(SETTLING).truncatedTo(ChronoUnit.MILLIS);
    Optional<Instant> mark = outbox.watermark();
    if (mark.isEmpty()) {
      outbox.advanceWatermark(mark, upTo);
      return 0;
    }
    if (!upTo.isAfter(mark.get())) {
      return 0;
    }
    FeedState state = store.latestFeedState();
    if (!state.lastModified(upTo).isAfter(mark.get())) {
      // Nothing public happened: the watermark stays, which costs no write.
      return 0;
    }
    List<Release> ended = new ArrayList<>();
    Optional<SortKey> after = Optional.empty();
    listing:
    while (true) {
      Page page = store.published(ReleaseFilter.NONE, after, PAGE, upTo);
      for (Release release : page.items()) {
        if (!release.publishedAt().isAfter(mark.get())) {
          break listing;
        }
        if (release.publishedAt().isAfter(release.updatedAt())) {
          ended.add(release);
        }
      }
      if (page.next().isEmpty()) {
        break;
      }
      after = page.next();
    }
    if (!ended.isEmpty()) {
      outbox.enqueue(new Ping(UUID.randomUUID().toString(), Topics.of(ended), clock.instant(), 0));
    }
    outbox.advanceWatermark(mark, upTo);
    return ended.isEmpty() ? 0 : 1;
  }

  private static final class Delivery {
    int sent;
    int failed;
    int dropped;
    /** The deadline came before the due pings were done. */
    boolean stopped;
  }

  private Delivery deliver(Instant deadline) {
    Delivery delivery = new Delivery();
    while (true) {
      List<Ping> due = outbox.due(clock.instant(), BATCH);
      if (due.isEmpty()) {
        return delivery;
      }
      for (Ping ping : due) {
        Instant now = clock.instant();
        if (now.plus(Hub.SEND_TIME).isAfter(deadline)) {
          delivery.stopped = true;
          return delivery;
        }
        Optional<Ping> held = outbox.claim(ping, now.plus(LEASE));
        if (held.isPresent()) {
          send(held.get(), delivery);
        }
      }
    }
  }

  private void send(Ping held, Delivery delivery) {
    Hub.Outcome outcome = hub.publish(baseUrl, held.topics());
    if (outcome.delivered()) {
      outbox.delete(held);
      delivery.sent++;
      return;
    }
    int failures = held.attempt() + 1;
    if (failures > backoff.size()) {
      log.println("pressfeed: ping " + held.id() + " dropped after " + failures + " failed sends to "
          + hub.url() + " (last: " + outcome.detail() + "); topics: " + String.join(" ", held.topics()));
      outbox.delete(held);
      delivery.dropped++;
      return;
    }
    Instant next = clock.instant().plus(backoff.get(failures - 1));
    log.println("pressfeed: ping " + held.id() + " to " + hub.url() + " failed (" + outcome.detail()
        + "), send " + failures + "; next at " + next);
    outbox.release(held, held.at(next, failures));
    delivery.failed++;
  }

  /**
   * Waits until the next work (a ping due, an embargo end handled) if it falls before the
   * deadline with time to send; {@code false} when there is none.
   */
  private boolean waitForWork(Instant deadline, long lingerEnd) {
    Instant now = clock.instant();
    if (!now.plus(Hub.SEND_TIME).isBefore(deadline)) {
      return false;
    }
    Optional<Instant> next = outbox.next();
    Optional<Instant> embargoEnd = store.latestFeedState().nextEmbargoEnd(now.minus(SETTLING))
        .map(end -> end.plus(SETTLING));
    Instant wake = earliest(next, embargoEnd);
    if (wake == null || wake.plus(Hub.SEND_TIME).isAfter(deadline)) {
      return false;
    }
    long millis = Math.min(Math.max(1, Duration.between(now, wake).toMillis()),
        Math.max(1, (lingerEnd - System.nanoTime()) / 1_000_000));
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Instant earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b.orElse(null);
    }
    return b.isEmpty() || a.get().isBefore(b.get()) ? a.get() : b.get();
  }
}
