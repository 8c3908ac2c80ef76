package dev.pressfeed.push;

import dev.pressfeed.release.FeedChanges;
import dev.pressfeed.release.Release;
import dev.pressfeed.store.CachingReleaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Queues a ping in the {@link Outbox} for each change the public feeds show; a {@link Notifier}
 * sends it. The editor's request writes the ping (one small item) and at most moves it once,
 * and never waits for a hub.
 *
 * <p>A ping is queued before the release write, due only {@link #HOLD} later: were it sent at
 * once, the hub could fetch the feed before the release is in it and tell nobody. When the
 * write is stored the ping is brought forward to {@link #SETTLE} after it, and the notifier
 * nudged; a request that dies in between leaves it due at the end of the hold.
 */
public final class Pings implements FeedChanges {

  /** Longer than any editor request can run (the editor function's timeout is 10 s). */
  static final Duration HOLD = Duration.ofSeconds(15);
  /** A container's copy of the feed state is this old at most: then every feed shows a write. */
  static final Duration SETTLE = CachingReleaseStore.STALENESS;

  private final Outbox outbox;
  private final Clock clock;
  private final Runnable nudge;

  /** @param nudge asks a notifier to run a round soon; must not block nor throw */
  public Pings(Outbox outbox, Clock clock, Runnable nudge) {
    this.outbox = outbox;
    this.clock = clock;
    this.nudge = nudge;
  }

  @Override
  public Runnable coming(List<Release> releases) {
    Ping held = queue(releases, clock.instant().plus(HOLD));
    return () -> {
      try {
        outbox.release(held, held.at(clock.instant().plus(SETTLE), 0));
        nudge.run();
      } catch (RuntimeException e) {
        // The write is stored and the editor must hear so; the ping goes at the end of the hold.
        System.err.println("pressfeed: ping " + held.id() + " stays due at " + held.due() + ": " + e);
      }
    };
  }

  /** Queues one ping naming every feed that shows any of {@code releases}, due at {@code due}. */
  Ping queue(List<Release> releases, Instant due) {
    Ping ping = new Ping(UUID.randomUUID().toString(), Topics.of(releases), due, 0);
    outbox.enqueue(ping);
    return ping;
  }
}
