package dev.pressfeed.push;

import java.time.Duration;
import java.time.Instant;

/**
 * The CDN in front of the feeds, which keeps copies of them for up to {@link #keeps()}. A hub told
 * of a change fetches the feed through it, so before a ping is sent the feeds are purged at the
 * edge and the ping waits until the purge has completed: otherwise the hub may fetch the copy from
 * before the change, and subscribers never hear of it. {@link #NONE} without a CDN (the local
 * gateway, {@code Cdn=off}): pings go as soon as they are due.
 */
public interface EdgeCache {

  /** The longest a {@link #purge} and one {@link #status} take together, retries included. */
  Duration CALL_TIME = Duration.ofSeconds(6);

  /**
   * One purge of every feed at the edge.
   *
   * @param id      what to ask about it with {@link #status}
   * @param created when the CDN started it: copies it kept from before then are gone by
   *                {@code created} plus {@link #keeps()} whatever the purge does
   * @param done    whether the edge no longer serves any copy from before it
   */
  record Purge(String id, Instant created, boolean done) {}

  /**
   * Starts purging every feed. Idempotent for a given {@code reference}: a call repeated after a
   * lost answer gives the purge the first call started, not another one.
   *
   * @throws RuntimeException when the CDN cannot be reached or refuses (counts as a failed send)
   */
  Purge purge(String reference);

  /** How the purge {@code id} is going. */
  Purge status(String id);

  /** How long the edge keeps a feed; zero when there is no edge, or it keeps nothing. */
  Duration keeps();

  /** No CDN: nothing to purge. */
  EdgeCache NONE = new EdgeCache() {
    @Override
    public Purge purge(String reference) {
      throw new UnsupportedOperationException("no CDN to purge");
    }

    @Override
    public Purge status(String id) {
      throw new UnsupportedOperationException("no CDN to purge");
    }

    @Override
    public Duration keeps() {
      return Duration.ZERO;
    }
  };
}
