package dev.pressfeed.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} promises; one subclass per store. */
public abstract class OutboxContract {

  static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

  /** A new, empty outbox. */
  protected abstract Outbox emptyOutbox();

  static Ping ping(String id, Instant due) {
    return new Ping(id, List.of("/feed.rss", "/feed.atom?tag=energie", "/feed.json?lang=de"), due, 0);
  }

  @Test
  void aQueuedPingIsDueFromItsTimeOnWithItsTopicsInOrder() {
    Outbox outbox = emptyOutbox();
    outbox.enqueue(ping("a", T.plusSeconds(5)));
    assertThat(outbox.due(T.plusSeconds(4), 10)).isEmpty();
    assertThat(outbox.due(T.plusSeconds(5), 10)).containsExactly(ping("a", T.plusSeconds(5)));
    assertThat(outbox.next()).contains(T.plusSeconds(5));
  }

  @Test
  void duePingsComeEarliestFirstAndAtMostTheLimit() {
    Outbox outbox = emptyOutbox();
    outbox.enqueue(ping("late", T.plusSeconds(3)));
    outbox.enqueue(ping("early", T.plusSeconds(1)));
    outbox.enqueue(ping("middle", T.plusSeconds(2)));
    outbox.enqueue(ping("future", T.plusSeconds(60)));
    assertThat(outbox.due(T.plusSeconds(10), 10)).extracting(Ping::id).containsExactly("early", "middle", "late");
    assertThat(outbox.due(T.plusSeconds(10), 2)).extracting(Ping::id).containsExactly("early", "middle");
    assertThat(outbox.next()).contains(T.plusSeconds(1));
  }

  @Test
  void anEmptyOutboxHasNothingDueAndNoNextTime() {
    Outbox outbox = emptyOutbox();
    assertThat(outbox.due(T, 10)).isEmpty();
    assertThat(outbox.next()).isEmpty();
  }

  @Test
  void aClaimedPingIsNotDueUntilItsLeaseEnds() {
    Outbox outbox = emptyOutbox();
    Ping queued = ping("a", T);
    outbox.enqueue(queued);
    Optional<Ping> held = outbox.claim(queued, T.plusSeconds(60));
    assertThat(held).contains(queued.at(T.plusSeconds(60), 0));
    assertThat(outbox.due(T.plusSeconds(59), 10)).isEmpty();
    assertThat(outbox.due(T.plusSeconds(60), 10)).containsExactly(held.get());
  }

  @Test
  void ofTwoClaimsOfTheSamePingOneWins() throws Exception {
    Outbox outbox = emptyOutbox();
    Ping queued = ping("a", T);
    outbox.enqueue(queued);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Callable<Optional<Ping>> claim = () -> outbox.claim(queued, T.plusSeconds(60));
      Future<Optional<Ping>> first = two.submit(claim);
      Future<Optional<Ping>> second = two.submit(claim);
      assertThat(List.of(first.get(), second.get())).filteredOn(Optional::isPresent).hasSize(1);
    } finally {
      two.shutdownNow();
    }
    // A stale copy (the due time it was read with) cannot claim it either.
    assertThat(outbox.claim(queued, T.plusSeconds(90))).isEmpty();
  }

  @Test
  void aReleaseAfterTheLeaseWasLostChangesNothing() {
    Outbox outbox = emptyOutbox();
    Ping queued = ping("a", T);
    outbox.enqueue(queued);
    Ping mine = outbox.claim(queued, T.plusSeconds(60)).orElseThrow();
    // The lease ended and another notifier took it.
    Ping theirs = outbox.claim(mine, T.plusSeconds(120)).orElseThrow();
    assertThat(outbox.release(mine, mine.at(T.plusSeconds(2), 1))).isFalse();
    assertThat(outbox.release(theirs, theirs.at(T.plusSeconds(300), 1))).isTrue();
    assertThat(outbox.due(T.plusSeconds(300), 10)).containsExactly(queued.at(T.plusSeconds(300), 1));
  }

  @Test
  void theInvalidationAPingWaitsForIsKeptThroughClaimsAndReleases() {
    Outbox outbox = emptyOutbox();
    Ping queued = ping("a", T);
    outbox.enqueue(queued);
    assertThat(outbox.due(T, 10).get(0).invalidation()).isEmpty();
    Ping held = outbox.claim(queued, T.plusSeconds(60)).orElseThrow();
    Ping waiting = held.waitingFor("I2J0I21PCUYOIK");
    assertThat(outbox.release(held, waiting)).isTrue();
    assertThat(outbox.due(T.plusSeconds(60), 10)).containsExactly(waiting);
    // Claimed again, and put back for a later look: the invalidation stays with it.
    Ping again = outbox.claim(waiting, T.plusSeconds(120)).orElseThrow();
    assertThat(again.invalidation()).contains("I2J0I21PCUYOIK");
    assertThat(outbox.release(again, again.at(T.plusSeconds(125), 0))).isTrue();
    assertThat(outbox.due(T.plusSeconds(125), 10)).extracting(Ping::invalidation)
        .containsExactly(Optional.of("I2J0I21PCUYOIK"));
    // A ping queued with one (never done today, but stored as given).
    outbox.enqueue(ping("b", T.plusSeconds(200)).waitingFor("OTHER"));
    assertThat(outbox.due(T.plusSeconds(200), 10)).extracting(Ping::id, Ping::invalidation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Optional.of("I2J0I21PCUYOIK")),
            org.assertj.core.groups.Tuple.tuple("b", Optional.of("OTHER")));
  }

  @Test
  void aDeletedPingIsGone() {
    Outbox outbox = emptyOutbox();
    outbox.enqueue(ping("a", T));
    outbox.enqueue(ping("b", T));
    outbox.delete(ping("a", T));
    assertThat(outbox.due(T, 10)).extracting(Ping::id).containsExactly("b");
    outbox.delete(ping("a", T)); // twice is fine: a send may be confirmed by two notifiers
  }

  @Test
  void theWatermarkIsSetOnceThenMovesOnlyFromWhereItWas() {
    Outbox outbox = emptyOutbox();
    assertThat(outbox.watermark()).isEmpty();
    assertThat(outbox.advanceWatermark(Optional.empty(), T)).isTrue();
    assertThat(outbox.advanceWatermark(Optional.empty(), T.plusSeconds(1))).isFalse();
    assertThat(outbox.watermark()).contains(T);
    assertThat(outbox.advanceWatermark(Optional.of(T.minusSeconds(1)), T.plusSeconds(5))).isFalse();
    assertThat(outbox.advanceWatermark(Optional.of(T), T.plus(Duration.ofSeconds(5)))).isTrue();
    assertThat(outbox.watermark()).contains(T.plusSeconds(5));
  }
}
