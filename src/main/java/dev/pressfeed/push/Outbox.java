package dev.pressfeed.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where pings wait until the hub has them: durable, so a ping queued before a release write
 * is sent at least once whatever crashes after. Every write is a single-item conditional write,
 * like the release store's.
 *
 * <p>A notifier takes a due ping with {@link #claim}, which moves its due time to the end of a
 * lease: another notifier passes it by until then, and a notifier that dies while sending
 * leaves it due again when the lease ends. Implementations: the embedded store's (its own
 * SQLite file) and DynamoDB's (items of the releases table). Both pass {@code OutboxContract}.
 */
public interface Outbox {

  /** Stores a new ping. */
  void enqueue(Ping ping);

  /** Pings due at {@code now} (lease ended or never claimed), earliest first, at most {@code limit}. */
  List<Ping> due(Instant now, int limit);

  /** The earliest due time of any ping, if any: when a notifier has work next. */
  Optional<Instant> next();

  /**
   * Holds {@code ping} until {@code until} if it is still as read (due at {@code ping.due()});
   * the held ping, or empty when another notifier took it first or it is gone.
   */
  default Optional<Ping> claim(Ping ping, Instant until) {
    Ping held = ping.at(until, ping.attempt());
    return release(ping, held) ? Optional.of(held) : Optional.empty();
  }

  /**
   * Stores {@code next} (same id) in place of the held ping {@code held} if that is still as
   * stored (due time and attempt); {@code false} when the lease was lost meanwhile (another
   * notifier holds or sent it).
   */
  boolean release(Ping held, Ping next);

  /** Removes a ping: sent, or given up. */
  void delete(Ping ping);

  /** Up to when the embargo ends have been handled; empty before the first notifier round. */
  Optional<Instant> watermark();

  /**
   * Sets the watermark to {@code next} if it is still {@code expected} (empty: none yet);
   * {@code false} when another notifier moved it first.
   */
  boolean advanceWatermark(Optional<Instant> expected, Instant next);
}
