package dev.pressfeed.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one small item every public read's validators come from, so that a conditional GET is a
 * single small read and never a query or a render.
 *
 * <p>{@code revision} goes up with every write (before and after the release item changes, so a
 * reader can never pair a revision with content older than it). {@code embargoes} holds the
 * future publication times of scheduled releases: when one passes, the feeds change although
 * nothing was written, and {@link #endedEmbargoes} counts it into the validators. Times of
 * embargoes that were later moved or retracted may linger until they pass; they only shorten a
 * cache lifetime once.
 *
 * @param changedAt when the last write happened
 * @param embargoes ascending, without duplicates
 */
public record FeedState(long revision, Instant changedAt, List<Instant> embargoes) {

  public static final FeedState INITIAL = new FeedState(0, Instant.EPOCH, List.of());

  public FeedState {
    embargoes = List.copyOf(new TreeSet<>(embargoes));
  }

  /** How many recorded embargoes have ended by {@code now}. */
  public int endedEmbargoes(Instant now) {
    return (int) embargoes.stream().filter(e -> !e.isAfter(now)).count();
  }

  public Optional<Instant> nextEmbargoEnd(Instant now) {
    return embargoes.stream().filter(e -> e.isAfter(now)).findFirst();
  }

  /** The last change a reader could see: the last write or the last embargo that ended. */
  public Instant lastModified(Instant now) {
    Instant last = changedAt;
    for (Instant e : embargoes) {
      if (!e.isAfter(now) && e.isAfter(last)) {
        last = e;
      }
    }
    return last;
  }

  /**
   * The state after a write at {@code now}: the next revision, past embargoes dropped (the new
   * revision already tells them apart), and {@code embargo} recorded if it lies ahead.
   */
  public FeedState next(Instant now, Instant embargo) {
    TreeSet<Instant> ahead = new TreeSet<>();
    embargoes.stream().filter(e -> e.isAfter(now)).forEach(ahead::add);
    if (embargo != null && embargo.isAfter(now)) {
      ahead.add(embargo);
    }
    return new FeedState(revision + 1, now, List.copyOf(ahead));
  }
}
