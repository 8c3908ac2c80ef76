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
 *
 * <p>Behind a CDN ({@link EdgeCache}) a ping first purges the feeds at the edge and is sent only
 * once the purge has completed, so the hub cannot fetch a copy from before the change: the first
 * time it is due it starts the purge (and keeps its id), then it is due again every
 * {@link #PURGE_POLL} until the purge is done. A CDN that fails counts as a failed send; once the
 * ping has waited longer than the edge keeps a feed, the copies from before the change are gone
 * anyway and it is sent without the purge.
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
  /** How soon a ping whose purge at the edge is under way is looked at again. */
  static final Duration PURGE_POLL = Duration.ofSeconds(5);
  /** Pings read per listing; a round reads on while time is left. */
  private static final int BATCH = 25;
  /** Releases read per page when listing ended embargoes. */
  private static final int PAGE = 50;

  /** What one round did, for logs and tests. */
  public record Round(int sent, int failed, int dropped, int embargoPings) {}

  private final ReleaseStore store;
  private final Outbox outbox;
  private final Hub hub;
  private final EdgeCache edge;
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
    this(store, outbox, hub, EdgeCache.NONE, baseUrl, clock, backoff, log);
  }

  /** @param edge the CDN the hub fetches the feeds through, or {@link EdgeCache#NONE} */
  public Notifier(ReleaseStore store, Outbox outbox, Hub hub, EdgeCache edge, String baseUrl,
      Clock clock, List<Duration> backoff, PrintStream log) {
    this.store = store;
    this.outbox = outbox;
    this.hub = hub;
    this.edge = edge;
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
        if (now.plus(sendTime()).isAfter(deadline)) {
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

  /** The longest one ping can take: the purge's calls, if any, and the send. */
  private Duration sendTime() {
    return edge.keeps().isZero() ? Hub.SEND_TIME : Hub.SEND_TIME.plus(EdgeCache.CALL_TIME);
  }

  private void send(Ping held, Delivery delivery) {
    Ping ping = held;
    if (!edge.keeps().isZero()) {
      Optional<Ping> purged = purged(held, delivery);
      if (purged.isEmpty()) {
        return;
      }
      ping = purged.get();
    }
    Hub.Outcome outcome = hub.publish(baseUrl, ping.topics());
    if (outcome.delivered()) {
      outbox.delete(ping);
      delivery.sent++;
      return;
    }
    failed(ping, outcome.detail(), delivery);
  }

  /**
   * The held ping once the edge no longer serves a copy of the feeds from before it; empty when it
   * must wait (put back, due again in {@link #PURGE_POLL}), the CDN failed (counted as a failed
   * send) or the lease was lost. Starts the purge on the first call; its reference is the ping's
   * id and attempt, so an SDK retry of a create whose answer was lost starts no second one.
   */
  private Optional<Ping> purged(Ping held, Delivery delivery) {
    EdgeCache.Purge purge;
    try {
      purge = held.invalidation().isEmpty()
          ? edge.purge(held.id() + "#" + held.attempt())
          : edge.status(held.invalidation().get());
    } catch (RuntimeException e) {
      if (waited(held.attempt()).compareTo(edge.keeps()) >= 0) {
        log.println("pressfeed: ping " + held.id() + " sent without purging the CDN, which failed ("
            + e.getMessage() + "): its copies from before the change have expired");
        return Optional.of(held);
      }
      failed(held, "purging the CDN: " + e.getMessage(), delivery);
      return Optional.empty();
    }
    Ping ping = held;
    if (held.invalidation().isEmpty()) {
      ping = held.waitingFor(purge.id());
      if (!outbox.release(held, ping)) {
        return Optional.empty();
      }
    }
    Instant now = clock.instant();
    if (purge.done() || !now.isBefore(purge.created().plus(edge.keeps()))) {
      return Optional.of(ping);
    }
    outbox.release(ping, ping.at(now.plus(PURGE_POLL), ping.attempt()));
    return Optional.empty();
  }

  /** The least time a ping has waited since it was first due, after {@code failures} failures. */
  private Duration waited(int failures) {
    Duration waited = Duration.ZERO;
    for (int i = 0; i < Math.min(failures, backoff.size()); i++) {
      waited = waited.plus(backoff.get(i));
    }
    return waited;
  }

  /** Counts a failed send: due again after the next delay of the backoff, or dropped after the last. */
  private void failed(Ping held, String detail, Delivery delivery) {
    int failures = held.attempt() + 1;
    if (failures > backoff.size()) {
      log.println("pressfeed: ping " + held.id() + " dropped after " + failures + " failed sends to "
          + hub.url() + " (last: " + detail + "); topics: " + String.join(" ", held.topics()));
      outbox.delete(held);
      delivery.dropped++;
      return;
    }
    Instant next = clock.instant().plus(backoff.get(failures - 1));
    log.println("pressfeed: ping " + held.id() + " to " + hub.url() + " failed (" + detail
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
    if (!now.plus(sendTime()).isBefore(deadline)) {
      return false;
    }
    Optional<Instant> next = outbox.next();
    Optional<Instant> embargoEnd = store.latestFeedState().nextEmbargoEnd(now.minus(SETTLING))
        .map(end -> end.plus(SETTLING));
    Instant wake = earliest(next, embargoEnd);
    if (wake == null || wake.plus(sendTime()).isAfter(deadline)) {
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
