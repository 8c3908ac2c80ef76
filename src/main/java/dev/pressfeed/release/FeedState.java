package dev.pressfeed.release;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one small item every public read's validators come from, so that a conditional GET is a
 * single small read and never a query or a render.
 *
 * <p>The validators of a feed or a public list are {@code edition} and {@link #lastModified}:
 * both move only when what the public sees changes — a release published, a visible one edited
 * or retracted ({@link #changed}), or an embargo ending. A draft, or a scheduled release before
 * its time, moves neither: pollers keep their copies and nobody can tell when editors work.
 *
 * <p>{@code embargoes} holds the publication times of scheduled releases, each with the release
 * (feed identity) and version that carries it: when one passes, the feeds change although
 * nothing was written, and {@link #lastModified} becomes that time. Owning them per release
 * lets a reschedule, an unschedule or a retraction remove the old time ({@link #clearing}), so
 * the validators do not move at a time when nothing becomes public. Times read from the older
 * format have no owner; they stay until they pass and move the validators once.
 *
 * @param revision  goes up with every write of this item; the stores' concurrency check
 * @param edition   goes up with every change the public can see (not with an embargo ending)
 * @param changedAt the last public change: a public write, or an ended embargo folded in
 * @param embargoes in time order, without duplicates
 */
public record FeedState(long revision, long edition, Instant changedAt, List<Embargo> embargoes) {

  public static final FeedState INITIAL = new FeedState(0, 0, Instant.EPOCH, List.of());

  private static final Comparator<Embargo> ORDER = Comparator.comparing(Embargo::endsAt)
      .thenComparing(e -> e.feedId() == null ? "" : e.feedId())
      .thenComparingLong(Embargo::version);

  /**
   * The end of one release version's embargo.
   *
   * @param feedId  the release's permanent identity (it keeps it when its id moves at creation);
   *                {@code null} for a time stored in the older format, owned by nobody
   * @param version the release version whose {@code publishAt} this is
   */
  public record Embargo(Instant endsAt, String feedId, long version) {
    public Embargo {
      // To the millisecond, as both stores keep it and as sort keys count an embargo: with finer
      // digits, the end a write records would differ from the one it reads back, and the write
      // after it would clear the end as another version's (a scheduled release never moving
      // the validators when it appears).
      endsAt = Objects.requireNonNull(endsAt, "endsAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** A time read from the older format, which did not say whose it was. */
    public static Embargo unowned(Instant endsAt) {
      return new Embargo(endsAt, null, 0);
    }

    /** The embargo {@code release} is under at {@code now}, if it is scheduled. */
    public static Optional<Embargo> of(Release release, Instant now) {
      Instant publishedAt = release.state() == Release.State.PUBLISHED ? release.publishedAt() : null;
      return publishedAt != null && publishedAt.isAfter(now)
          ? Optional.of(new Embargo(publishedAt, release.feedId(), release.version()))
          : Optional.empty();
    }
  }

  public FeedState {
    Objects.requireNonNull(changedAt, "changedAt");
    TreeSet<Embargo> sorted = new TreeSet<>(ORDER);
    sorted.addAll(embargoes);
    embargoes = List.copyOf(sorted);
  }

  /** The next embargo end after {@code now}: no public answer may be cached past it. */
  public Optional<Instant> nextEmbargoEnd(Instant now) {
    return embargoes.stream().map(Embargo::endsAt).filter(e -> e.isAfter(now)).findFirst();
  }

  /** The last change a reader could see: the last public write or the last embargo that ended. */
  public Instant lastModified(Instant now) {
    Instant last = changedAt;
    for (Embargo e : embargoes) {
      if (!e.endsAt().isAfter(now) && e.endsAt().isAfter(last)) {
        last = e.endsAt();
      }
    }
    return last;
  }

  /**
   * The same public view with ended embargoes folded into {@code changedAt}: {@code edition} and
   * {@link #lastModified} at {@code now} stay as they were, so the validators do not move.
   */
  public FeedState folded(Instant now) {
    return new FeedState(revision, edition, lastModified(now), ahead(now));
  }

  /** After a change the public can see at {@code now}: a new edition, modified now. */
  public FeedState changed(Instant now) {
    Instant last = lastModified(now);
    return new FeedState(revision, edition + 1, now.isAfter(last) ? now : last, ahead(now));
  }

  /** With {@code embargo} recorded (if it lies ahead); the validators stay as they were. */
  public FeedState recording(Embargo embargo, Instant now) {
    FeedState folded = folded(now);
    if (!embargo.endsAt().isAfter(now)) {
      return folded;
    }
    List<Embargo> with = new ArrayList<>(folded.embargoes);
    with.add(embargo);
    return new FeedState(revision, edition, folded.changedAt, with);
  }

  /**
   * Without the times that version {@code version} of release {@code feedId} replaced: those of
   * its older versions, and those of the same version other than {@code kept} (left by a write
   * that lost a race). Times of newer versions belong to writes still under way and stay.
   *
   * @param kept the written version's own embargo end, or {@code null} when it has none
   */
  public FeedState clearing(String feedId, long version, Instant kept, Instant now) {
    FeedState folded = folded(now);
    List<Embargo> left = folded.embargoes.stream()
        .filter(e -> !feedId.equals(e.feedId())
            || e.version() > version
            || (e.version() == version && e.endsAt().equals(kept)))
        .toList();
    return new FeedState(revision, edition, folded.changedAt, left);
  }

  /** This state as the next write of the item stores it. */
  public FeedState successorOf(FeedState stored) {
    return new FeedState(stored.revision + 1, edition, changedAt, embargoes);
  }

  private List<Embargo> ahead(Instant now) {
    return embargoes.stream().filter(e -> e.endsAt().isAfter(now)).toList();
  }
}
