package dev.pressfeed.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
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

  public Newsroom(ReleaseStore store, Clock clock) {
    this(store, clock, UUID::randomUUID);
  }

  public Newsroom(ReleaseStore store, Clock clock, Supplier<UUID> uuids) {
    this.store = store;
    this.clock = clock;
    this.uuids = uuids;
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
   * version made without {@link #revise} or {@link #retract} gets its rendering here.
   */
  public boolean save(Release next) {
    Release rendered = rendered(next);
    touchFeeds(rendered);
    boolean saved = store.replace(rendered, rendered.version() - 1);
    if (saved) {
      touchFeeds(rendered);
    }
    return saved;
  }

  /**
   * Moves the feed state on. Called before a release write (so no reader can pair the new
   * revision with content that misses it) and after it (so one that read before the write
   * sees a new revision); a crash between the two leaves at most the readers of that moment
   * one revision behind until the next write.
   */
  private void touchFeeds(Release release) {
    Instant now = now();
    Instant embargo = release.state() == Release.State.PUBLISHED ? release.publishedAt() : null;
    while (true) {
      FeedState current = store.feedState();
      if (store.replaceFeedState(current.next(now, embargo), current.revision())) {
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
    touchFeeds(release);
    for (int n = 1; ; n++) {
      Release candidate = withId(release, candidateId(release, n));
      if (store.insert(candidate)) {
        touchFeeds(candidate);
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
    touchFeeds(record.release());
    for (int n = 2; ; n++) {
      // A record read back may lack a current rendering (a store keeps none that would make
      // the item too large; older code wrote another version): the release gets one anyway.
      Release release = rendered(record.release());
      if (store.insert(release)) {
        touchFeeds(release);
        return release;
      }
      if (isStored(release)) {
        // Created by a concurrent retry meanwhile: finish the work, give the first response.
        touchFeeds(release);
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
