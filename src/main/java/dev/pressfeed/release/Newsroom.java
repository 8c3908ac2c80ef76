package dev.pressfeed.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What editors do to releases: create (once per {@code Idempotency-Key}), revise, retract.
 * Every step is a single-item conditional write on the {@link ReleaseStore}; where a creation
 * touches two items the idempotency record is written first, naming the release (and the id)
 * it reserves, so a crash between the writes is completed by the client's retry.
 *
 * <p>Every version it writes carries its {@link Rendering}, composed here, once: reads then serve
 * stored HTML instead of rendering Markdown and sanitising on every request.
 */
public final class Newsroom {

  /** How long an {@code Idempotency-Key} is remembered. */
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
  /** After this many numbered ids ({@code -2}, {@code -3}, …) a random suffix is used. */
  private static final int MAX_NUMBERED = 50;

  private final ReleaseStore store;
  private final Clock clock;
  private final Supplier<UUID> uuids;
  private final FeedChanges changes;

  public Newsroom(ReleaseStore store, Clock clock) {
    this(store, clock, UUID::randomUUID);
  }

  public Newsroom(ReleaseStore store, Clock clock, Supplier<UUID> uuids) {
    this(store, clock, uuids, FeedChanges.NONE);
  }

  /** @param changes told before every write the public feeds show (the WebSub pings) */
  public Newsroom(ReleaseStore store, Clock clock, Supplier<UUID> uuids, FeedChanges changes) {
    this.store = store;
    this.clock = clock;
    this.uuids = uuids;
    this.changes = changes;
  }

  /** The current time at millisecond precision, the precision of sort keys and of the API. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Seconds a public answer may be cached: {@code maxAge}, but never past the next embargo end,
   * when the answer may change although nothing was written.
   */
  public int maxAgeUntilNextEmbargo(FeedState state, Instant now, int maxAge) {
    return state.nextEmbargoEnd(now)
        .map(end -> (int) Math.min(maxAge, Math.max(0, Duration.between(now, end).toSeconds())))
        .orElse(maxAge);
  }

  public ReleaseStore store() {
    return store;
  }

  /** Creates a release from a valid input under the first free id. */
  public Release create(ReleaseInput input) {
    return insertUnderFreeId(prepare(input, now()));
  }

  /**
   * Creates a release once per scope (editor + key). A repeat with the same request hash
   * returns the release as the first request created it; another hash gives empty (409).
   */
  public Optional<Release> createOnce(ReleaseInput input, String scope, String requestHash) {
    Instant now = now();
    while (true) {
      Optional<IdempotencyRecord> existing =
          store.findIdempotency(scope).filter(r -> !r.isExpired(now));
      if (existing.isPresent()) {
        if (!existing.get().requestHash().equals(requestHash)) {
          return Optional.empty();
        }
        return Optional.of(complete(existing.get(), true));
      }
      IdempotencyRecord record = new IdempotencyRecord(
          scope, requestHash, prepare(input, now), now.plus(IDEMPOTENCY_WINDOW));
      if (store.insertIdempotency(record, now)) {
        return Optional.of(complete(record, false));
      }
      // Another request with the same key won the race: read its record and follow it.
    }
  }

  /** The next version of {@code existing} with the editor's new input (not yet stored). */
  public Release revise(Release existing, ReleaseInput input) {
    Instant now = now();
    Release.State state = input.isDraft() ? Release.State.DRAFT : Release.State.PUBLISHED;
    Instant firstPublished = existing.firstPublishedAt() != null
        ? existing.firstPublishedAt()
        : (state == Release.State.PUBLISHED ? now : null);
    return new Release(existing.id(), existing.feedId(), input, state, firstPublished,
        existing.createdAt(), now, existing.version() + 1, Composer.compose(input));
  }

  /** The retracted version of {@code existing} (not yet stored). Retraction is final. */
  public Release retract(Release existing) {
    // The input does not change, so a current rendering stays true.
    return rendered(new Release(existing.id(), existing.feedId(), existing.input(),
        Release.State.RETRACTED, existing.firstPublishedAt(), existing.createdAt(), now(),
        existing.version() + 1, existing.rendering()));
  }

  /**
   * Stores a revised or retracted version; {@code false} if someone else changed it first. A
   * version made without {@link #revise} or {@link #retract} gets its rendering here. Reads the
   * stored version first: whether the public could see it decides whether the feeds move.
   */
  public boolean save(Release next) {
    Optional<Release> previous = store.find(next.id())
        .filter(r -> r.version() == next.version() - 1 && r.feedId().equals(next.feedId()));
    return previous.isPresent() && save(previous.get(), next);
  }

  /**
   * Stores {@code next} in place of {@code previous} (the version it was made from); {@code
   * false} if someone else changed it first.
   */
  public boolean save(Release previous, Release next) {
    Release rendered = rendered(next);
    Instant started = now();
    boolean wasVisible = previous.isVisible(started);
    Runnable told = tell(wasVisible ? previous : null, rendered, started);
    announce(rendered, wasVisible, started);
    boolean saved = store.replace(rendered, rendered.version() - 1);
    if (saved) {
      settle(rendered, wasVisible, started);
      told.run();
    }
    return saved;
  }

  /**
   * Before a release write: tells {@link FeedChanges} which feeds the write changes, if the public
   * can see it: those of the version it saw ({@code before}, when visible) and of the version it
   * will see ({@code after}, when visible at {@code started}) — an edit that drops a tag changes
   * that tag's feed too. A write that then loses its race to another leaves a notice for a change
   * that did not happen: harmless, the hub fetches the feed and finds it as it was.
   */
  private Runnable tell(Release before, Release after, Instant started) {
    List<Release> shown = new ArrayList<>(2);
    if (before != null) {
      shown.add(before);
    }
    if (after.isVisible(started)) {
      shown.add(after);
    }
    return shown.isEmpty() ? () -> {} : changes.coming(shown);
  }

  /**
   * Before a release write: records the written version's embargo end, if it is scheduled, and
   * moves the public validators if the public can see the change.
   *
   * <p>Why this order is crash-safe: the embargo end is written before the release, so a crash
   * between the two leaves at worst a time no release carries — the validators move once at a
   * moment nothing became public, and caches are kept a little shorter until then; the reverse
   * order could leave a scheduled release whose end nobody records, and feeds cached past the
   * moment it appears. Old times are removed only after the write ({@link #settle}) for the same
   * reason. A public change moves the validators both before the write (so no reader can pair
   * the new validators with content that misses it) and after it (so a reader that read before
   * the write sees new ones); a crash between the two leaves at most the readers of that moment
   * one edition behind until the next public change.
   *
   * @param wasVisible whether the version it replaces was public when the request began
   */
  private void announce(Release release, boolean wasVisible, Instant started) {
    Optional<FeedState.Embargo> embargo = FeedState.Embargo.of(release, started);
    boolean visible = wasVisible || release.isVisible(started);
    update((state, now) -> {
      FeedState next = embargo.map(e -> state.recording(e, now)).orElse(state);
      return visible ? next.changed(now) : next;
    });
  }

  /**
   * After a release write: removes the embargo ends the written version replaced, and moves the
   * public validators if the public can see the change now — also when the release was
   * scheduled for a time that passed while it was being written.
   */
  private void settle(Release written, boolean wasVisible, Instant started) {
    Instant kept = FeedState.Embargo.of(written, started).map(FeedState.Embargo::endsAt).orElse(null);
    if (kept != null && written.isVisible(now())) {
      // Its embargo ended while it was being written: a notifier that handled that moment may
      // have listed the releases before this one was stored, so the notice is given here (after
      // the write: only a crash in this instant loses it).
      changes.coming(List.of(written)).run();
    }
    update((state, now) -> {
      FeedState next = state.clearing(written.feedId(), written.version(), kept, now);
      return wasVisible || written.isVisible(now) ? next.changed(now) : next;
    });
  }

  /**
   * Applies {@code change} to the stored feed state until the conditional write wins; writes
   * nothing when the change leaves the public view and the recorded embargoes as they were
   * (folding ended embargoes alone is not worth a write). Reads the state as stored, not the
   * container's copy the public reads get: a change found already made in a copy may have been
   * undone since by another container.
   */
  private void update(BiFunction<FeedState, Instant, FeedState> change) {
    while (true) {
      Instant now = now();
      FeedState current = store.latestFeedState();
      FeedState next = change.apply(current, now);
      if (next.equals(current.folded(now))) {
        return;
      }
      if (store.replaceFeedState(next.successorOf(current), current.revision())) {
        return;
      }
    }
  }

  private Release prepare(ReleaseInput input, Instant now) {
    Release.State state = input.isDraft() ? Release.State.DRAFT : Release.State.PUBLISHED;
    Release draft = new Release("pending", "urn:uuid:" + uuids.get(), input, state,
        state == Release.State.PUBLISHED ? now : null, now, now, 1, Composer.compose(input));
    return withId(draft, candidateId(draft, 1));
  }

  /** {@code release} with a current rendering: its own if it has one, else composed now. */
  private static Release rendered(Release release) {
    Rendering rendering = release.rendering();
    return rendering != null && rendering.isCurrent()
        ? release
        : release.withRendering(Composer.compose(release.input()));
  }

  private Release insertUnderFreeId(Release release) {
    Instant started = now();
    Runnable told = tell(null, release, started);
    announce(release, false, started);
    for (int n = 1; ; n++) {
      Release candidate = withId(release, candidateId(release, n));
      if (store.insert(candidate)) {
        settle(candidate, false, started);
        told.run();
        return candidate;
      }
    }
  }

  /** @param retry whether the record was found, not just written: its release may exist */
  private Release complete(IdempotencyRecord first, boolean retry) {
    IdempotencyRecord record = first;
    if (retry && isStored(record.release())) {
      // A retry of a finished request: the first response, and no write at all (moving the
      // feed state would make every reader download an unchanged feed).
      return record.release();
    }
    Instant started = now();
    Runnable told = tell(null, record.release(), started);
    announce(record.release(), false, started);
    for (int n = 2; ; n++) {
      // A record read back may lack a current rendering (a store keeps none that would make
      // the item too large; older code wrote another version): the release gets one anyway.
      Release release = rendered(record.release());
      if (store.insert(release)) {
        settle(release, false, started);
        told.run();
        return release;
      }
      if (isStored(release)) {
        // Created by a concurrent retry meanwhile: finish the work, give the first response.
        settle(release, false, started);
        told.run();
        return release;
      }
      IdempotencyRecord moved = record.withRelease(withId(release, candidateId(release, n)));
      if (store.replaceIdempotency(moved, release.id())) {
        record = moved;
      } else {
        // A concurrent retry moved it first: follow the stored record.
        record = store.findIdempotency(record.scope()).orElseThrow();
      }
    }
  }

  /** Whether this very release (same feed identity) is stored under its id. */
  private boolean isStored(Release release) {
    return store.find(release.id()).filter(r -> r.feedId().equals(release.feedId())).isPresent();
  }

  private static String candidateId(Release release, int n) {
    Instant publishedAt = release.publishedAt();
    String base = Slug.id(publishedAt != null ? publishedAt : release.createdAt(),
        release.input().title());
    if (n == 1) {
      return base;
    }
    if (n <= MAX_NUMBERED) {
      return Slug.numbered(base, n);
    }
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Release withId(Release r, String id) {
    return new Release(id, r.feedId(), r.input(), r.state(), r.firstPublishedAt(), r.createdAt(),
        r.updatedAt(), r.version(), r.rendering());
  }
}
