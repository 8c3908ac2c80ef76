package dev.pressfeed.push;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notice to the WebSub hub, waiting in the {@link Outbox}: one {@code POST} names every topic.
 *
 * @param id           unique, chosen when it is queued
 * @param topics       the changed feeds, each as its canonical URL without the base ({@code
 *                     /feed.atom?tag=energy}): the base is added when it is sent, so a ping queued
 *                     before the local gateway knows its port names the right feeds
 * @param due          when it may next be sent; while a notifier holds it, the end of that lease
 * @param attempt      how many sends have failed so far
 * @param invalidation behind a CDN, the purge of the feeds at the edge ({@link EdgeCache}) this ping
 *                     waits for; empty until one is started, and always without a CDN
 */
public record Ping(String id, List<String> topics, Instant due, int attempt, Optional<String> invalidation) {

  public Ping {
    Objects.requireNonNull(id, "id");
    topics = List.copyOf(topics);
    // Both stores keep milliseconds; a claim compares the due time it read with the stored one.
    due = due.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(invalidation, "invalidation");
  }

  /** A ping that waits for no invalidation (yet). */
  public Ping(String id, List<String> topics, Instant due, int attempt) {
    this(id, topics, due, attempt, Optional.empty());
  }

  /** The same ping, due at {@code due} after {@code attempt} failed sends. */
  public Ping at(Instant due, int attempt) {
    return new Ping(id, topics, due, attempt, invalidation);
  }

  /** The same ping, waiting for the edge's invalidation {@code invalidation}. */
  public Ping waitingFor(String invalidation) {
    return new Ping(id, topics, due, attempt, Optional.of(invalidation));
  }
}
