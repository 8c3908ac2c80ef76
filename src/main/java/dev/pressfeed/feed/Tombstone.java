package dev.pressfeed.feed;

import dev.pressfeed.release.Release;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A withdrawal signal (RFC 6721 {@code at:deleted-entry}): the release whose Atom entry had the
 * id {@code ref} was retracted at {@code when}. The first page of each Atom feed the release
 * appeared in carries one for {@link #WINDOW_DAYS} days, so a reader that kept the entry can drop it.
 *
 * <p>A tombstone shows until the end of the UTC day on which its window ends: what a feed shows
 * then depends on the store and the day only, never on the moment within it, so the feed's
 * validators can say when it changes without reading anything ({@link #shownSince}).
 *
 * @param ref  the entry's id: the release's permanent {@code urn:uuid:}
 * @param when the retraction
 */
public record Tombstone(String ref, Instant when) {

  /**
   * How many days a retraction is signalled, at least (SPEC §10). A constant, not a
   * {@code Duration}: a feed GET then runs no static initialiser here (cold start).
   */
  public static final int WINDOW_DAYS = 30;

  /**
   * The most tombstones a feed page reads (the most recent retractions; a filtered feed shows
   * those of them it matched). A hundred withdrawals in a month is far beyond a press office's
   * habits, and keeps the read and the page's growth bounded whatever happens.
   */
  public static final int MAX = 100;

  public static Tombstone of(Release retracted) {
    // A retraction is final: the retracted version's last change is its retraction.
    return new Tombstone(retracted.feedId(), retracted.updatedAt());
  }

  /**
   * The earliest retraction still signalled at {@code now}: {@link #WINDOW_DAYS} days before the
   * start of the current UTC day. Constant within a day.
   */
  public static Instant shownSince(Instant now) {
    return today(now).minus(WINDOW_DAYS, ChronoUnit.DAYS);
  }

  /** The start of {@code now}'s UTC day: when the tombstones shown last changed without a write. */
  public static Instant today(Instant now) {
    return now.truncatedTo(ChronoUnit.DAYS);
  }
}
